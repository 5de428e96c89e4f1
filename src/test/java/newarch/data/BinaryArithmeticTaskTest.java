package newarch.data;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BinaryArithmeticTaskTest {
    private static BigInteger fromLsbFirst(String bits) {
        return new BigInteger(new StringBuilder(bits).reverse().toString(), 2);
    }

    @Test
    void additionAndMultiplicationAreExactLeastSignificantBitFirst() {
        assertEquals("011", BinaryArithmeticTask.lsbFirst(BigInteger.valueOf(6)));
        for (BinaryArithmeticTask task : new BinaryArithmeticTask[] {
            new BinaryAdditionTask(LengthRange.of(1, 16), LengthRange.of(64, 64)),
            new BinaryMultiplicationTask(LengthRange.of(1, 16), LengthRange.of(64, 64))}) {
            SplittableRandom random = new SplittableRandom(7);
            String op = task.name().equals("binary-addition") ? "+" : "*";
            for (int i = 0; i < 50; i++) {
                Example e = task.sample(random, LengthRange.of(1, 20));
                String[] parts = task.render(e.source()).split("\\" + op);
                assertEquals(2, parts.length);
                BigInteger a = fromLsbFirst(parts[0]);
                BigInteger b = fromLsbFirst(parts[1]);
                BigInteger answer = fromLsbFirst(task.render(e.target()));
                assertEquals(op.equals("+") ? a.add(b) : a.multiply(b), answer, task.render(e.source()));
                assertTrue(e.targetLength() <= e.sourceLength(), "a tagger needs the answer to fit under the input");
                // no leading zeros: the last (most significant) bit of a multi-bit operand is 1
                assertTrue(parts[0].length() == 1 || parts[0].endsWith("1"));
            }
        }
    }

    @Test
    void registeredWithTestLengthsFourTimesTheTrainingLengths() {
        for (String name : new String[] {"binary-addition", "binary-multiplication", "sort-labelling"}) {
            SequenceTask task = Tasks.create(name);
            assertTrue(task.testLengths().min() >= 4 * task.trainLengths().max(), name);
            assertTrue(task.maxTargetLength(task.testLengths()) <= task.maxSourceLength(task.testLengths()), name);
        }
        SequenceTask add = Tasks.create("binary-addition");
        assertEquals(33, add.maxSourceLength(add.trainLengths()));
        assertEquals(129, add.maxSourceLength(add.testLengths()));
        assertEquals(7, add.vocabulary().size());
    }

    @Test
    void badSymbol() {
        BinaryAdditionTask task = new BinaryAdditionTask(LengthRange.of(1, 2), LengthRange.of(3, 3));
        assertBadInput(() -> task.ids("10*1"), "binary-addition", "'*'", "10*1");
    }
}
