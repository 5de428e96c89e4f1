package newarch.data;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The synthetic tasks: answers, determinism, held-out split, lengths, batching with padding. */
class SequenceTasksTest {

    @Test
    void answersOfTheRearrangementTasks() {
        SplittableRandom r = new SplittableRandom(3);
        for (String name : List.of("copy", "reverse", "sort")) {
            SequenceTask task = Tasks.create(name);
            for (int i = 0; i < 50; i++) {
                Example e = task.sample(r, task.trainLengths());
                int[] x = e.source();
                int[] expected = switch (name) {
                    case "copy" -> x.clone();
                    case "reverse" -> reversed(x);
                    default -> sorted(x);
                };
                assertArrayEquals(expected, e.target(), name + " " + e);
                for (int id : x) {
                    assertTrue(id > Vocabulary.UNK && id < task.vocabulary().size(), "symbol id " + id);
                }
            }
        }
        ReverseTask reverse = new ReverseTask(4, LengthRange.of(4, 4), LengthRange.of(5, 5));
        assertEquals("abcd", reverse.render(new int[] {4, 5, 6, 7}));
        assertEquals(List.of("<pad>", "<bos>", "<eos>", "<unk>", "a", "b", "c", "d"), reverse.vocabulary().tokens());
    }

    private static int[] reversed(int[] x) {
        int[] y = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[x.length - 1 - i];
        }
        return y;
    }

    private static int[] sorted(int[] x) {
        int[] y = x.clone();
        Arrays.sort(y);
        return y;
    }

    @Test
    void additionIsCorrectAtCharacterLevel() {
        AdditionTask task = (AdditionTask) Tasks.create("addition", LengthRange.of(1, 12), LengthRange.of(13, 20));
        assertArrayEquals(task.ids("168"), new Example(task.ids("123+45"), task.ids("168")).target());
        assertEquals("123+45", task.render(task.ids("123+45")));
        SplittableRandom r = new SplittableRandom(5);
        boolean sawCarryIntoNewDigit = false;
        for (int i = 0; i < 300; i++) {
            Example e = task.sample(r, task.trainLengths());
            String text = task.render(e.source());
            String[] operands = text.split("\\+");
            assertEquals(2, operands.length, text);
            for (String o : operands) {
                assertTrue(o.length() >= 1 && o.length() <= 12, text);
                assertTrue(o.length() == 1 || o.charAt(0) != '0', "no leading zeros: " + text);
            }
            String sum = task.render(e.target());
            assertEquals(new BigInteger(operands[0]).add(new BigInteger(operands[1])).toString(), sum, text);
            sawCarryIntoNewDigit |= sum.length() > Math.max(operands[0].length(), operands[1].length());
        }
        assertTrue(sawCarryIntoNewDigit, "some sums need one more digit than their operands");
        assertEquals(2 * 20 + 1, task.maxSourceLength(task.testLengths()));
        assertEquals(21, task.maxTargetLength(task.testLengths()));
        assertBadInput(() -> task.ids("12-3"), "'-'", "neither a digit");
    }

    @Test
    void trainingBatchesArePureFunctionsOfSeedAndStep() {
        SequenceTask a = Tasks.create("reverse");
        SequenceTask b = Tasks.create("reverse");
        assertEquals(a.trainingBatch(7, 3, 16), b.trainingBatch(7, 3, 16));
        assertEquals(a.trainingBatch(7, 3, 16), a.trainingBatch(7, 3, 16), "no hidden state between calls");
        assertNotEquals(a.trainingBatch(7, 3, 16), a.trainingBatch(7, 4, 16));
        assertNotEquals(a.trainingBatch(7, 3, 16), a.trainingBatch(8, 3, 16));
        assertEquals(a.testSet(7, a.testLengths(), 20), b.testSet(7, b.testLengths(), 20));
    }

    @Test
    void lengthsComeFromTheirRanges() {
        SequenceTask task = Tasks.create("copy", LengthRange.of(2, 5), LengthRange.of(6, 9));
        Set<Integer> seen = new HashSet<>();
        for (long step = 1; step <= 20; step++) {
            for (Example e : task.trainingBatch(1, step, 16)) {
                assertTrue(task.trainLengths().contains(e.sourceLength()), e.toString());
                seen.add(e.sourceLength());
            }
        }
        assertEquals(Set.of(2, 3, 4, 5), seen, "every training length occurs");
        for (Example e : task.testSet(1, task.testLengths(), 50)) {
            assertTrue(e.sourceLength() >= 6 && e.sourceLength() <= 9, e.toString());
        }
    }

    @Test
    void testSetsWeighEveryLengthAlike() {
        // Short lengths are shared with training and accepted at once; longer ones only from the held-out tenth.
        // Drawing whole examples and rejecting would fill a test set with the short, easy ones.
        SequenceTask task = Tasks.create("reverse");
        int[] perLength = new int[task.trainLengths().max() + 1];
        for (Example e : task.testSet(1, task.trainLengths(), 2000)) {
            perLength[e.sourceLength()]++;
        }
        for (int length = 1; length < perLength.length; length++) {
            assertTrue(perLength[length] > 150 && perLength[length] < 250,
                    "length " + length + " has " + perLength[length] + " of 2000 examples, expected about 200");
        }
    }

    @Test
    void heldOutInputsAreNeverTrainedOn() {
        SequenceTask task = Tasks.create("reverse");
        Set<Example> test = new HashSet<>(task.testSet(1, task.trainLengths(), 400));
        long heldOut = test.stream().filter(task::isHeldOut).count();
        // Lengths 1 and 2 have only 10 and 100 inputs: too few to hold any out, so they are shared.
        long shortOnes = test.stream().filter(e -> e.sourceLength() < 3).count();
        assertEquals(test.size(), heldOut + shortOnes);
        int trained = 0;
        for (long step = 1; step <= 60; step++) {
            for (Example e : task.trainingBatch(1, step, 64)) {
                assertFalse(task.isHeldOut(e), "held-out example in training batch " + step + ": " + e);
                if (e.sourceLength() >= 3) {
                    assertFalse(test.contains(e), "test example trained on: " + e);
                }
                trained++;
            }
        }
        assertEquals(60 * 64, trained);
        // About a tenth of long inputs is held out.
        SplittableRandom r = new SplittableRandom(9);
        int held = 0;
        for (int i = 0; i < 5000; i++) {
            held += task.isHeldOut(task.sample(r, LengthRange.of(6, 10))) ? 1 : 0;
        }
        assertTrue(held > 350 && held < 650, "held out " + held + " of 5000");
    }

    @Test
    void batchPadsAndShiftsTheTarget() {
        Example a = new Example(new int[] {4, 5, 6}, new int[] {6, 5, 4});
        Example b = new Example(new int[] {7}, new int[] {7});
        Batch batch = Batch.of(List.of(a, b));
        assertEquals(DataType.LONG, batch.source().dataType());
        assertEquals(DataType.LONG, batch.targetInput().dataType());
        assertArrayEquals(new long[][] {{4, 5, 6}, {7, 0, 0}}, batch.source().toLongMatrix());
        assertArrayEquals(new long[][] {{1, 6, 5, 4}, {1, 7, 0, 0}}, batch.targetInput().toLongMatrix(), "BOS y PAD");
        assertArrayEquals(new long[][] {{6, 5, 4, 2}, {7, 2, 0, 0}}, batch.targetOutput().toLongMatrix(), "y EOS PAD");
        assertEquals(4, batch.sourceTokens());
        assertEquals(4 + 2, batch.targetTokens());
        assertBadInput(() -> Batch.of(List.of()), "at least one example");
    }

    @Test
    void badNamesAndRanges() {
        assertBadInput(() -> Tasks.create("juggle"), "unknown task 'juggle'", "reverse");
        assertBadInput(() -> LengthRange.parse("--train-lengths", "5..2"), "--train-lengths", "1 <= min <= max");
        assertBadInput(() -> LengthRange.parse("--test-lengths", "a..b"), "--test-lengths", "'a..b'");
        assertEquals(LengthRange.of(1, 8), LengthRange.parse("x", "1..8"));
        assertEquals(LengthRange.of(3, 3), LengthRange.parse("x", "3"));
        assertEquals(LengthRange.of(2, 4), LengthRange.parse("x", "2-4"));
        assertBadInput(() -> new CopyTask(1, LengthRange.of(1, 2), LengthRange.of(3, 4)), "alphabet size is 1");
        assertBadInput(() -> Tasks.create("copy").trainingBatch(1, 1, 0), "batch size is 0");
    }
}
