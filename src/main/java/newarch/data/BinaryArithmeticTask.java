package newarch.data;

import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Binary arithmetic as sequence labelling, the length-generalisation tasks of the Neural GPU and of the
 * Shuffle-Exchange papers: the input is "a∘b" with both operands in binary, least significant bit first, and the
 * answer is written under the input, least significant bit first from position 0 — a tagger labels position i with
 * bit i of the result and the remaining positions with PAD ("nothing here"). Least significant bit first puts each
 * answer bit near the operand bits it depends on most, and makes "carry one position to the right" the same rule at
 * every length.
 *
 * <p>The length of an example is the number of bits of each operand, drawn independently from the range (no leading
 * zeros, so a k-bit operand is in [2^(k−1), 2^k)). The target never is longer than the source, so the same
 * examples also train an encoder–decoder.
 */
public abstract class BinaryArithmeticTask extends TwoOperandTask {
    protected BinaryArithmeticTask(String name, String operator, LengthRange trainLengths, LengthRange testLengths) {
        super(name, List.of("0", "1"), operator, trainLengths, testLengths);
    }

    /** The exact result of the operation. */
    protected abstract BigInteger apply(BigInteger a, BigInteger b);

    @Override
    protected Example generate(SplittableRandom random, LengthRange lengths) {
        BigInteger a = operand(random, lengths.draw(random));
        BigInteger b = operand(random, lengths.draw(random));
        return new Example(ids(lsbFirst(a) + operator() + lsbFirst(b)), ids(lsbFirst(apply(a, b))));
    }

    private static BigInteger operand(SplittableRandom random, int bits) {
        BigInteger x = BigInteger.ONE.shiftLeft(bits - 1);   // the leading bit, then random lower bits
        for (int i = 0; i < bits - 1; i++) {
            if (random.nextBoolean()) {
                x = x.setBit(i);
            }
        }
        return bits == 1 && random.nextBoolean() ? BigInteger.ZERO : x;
    }

    /** x in binary, least significant bit first ("6" → "011"). */
    public static String lsbFirst(BigInteger x) {
        return new StringBuilder(x.toString(2)).reverse().toString();
    }

    @Override
    protected double operandsWithDigits(int k) {
        return k == 1 ? 2 : Math.pow(2, k - 1);
    }
}
