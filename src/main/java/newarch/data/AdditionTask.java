package newarch.data;

import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Multi-digit addition at character level: "123+45" → "168". Each operand has a number of digits drawn from the
 * length range (most significant digit first, no leading zeros). The carry makes every output digit depend on all
 * less significant input digits, which is harder than any rearrangement.
 */
public final class AdditionTask extends TwoOperandTask {
    private static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    public AdditionTask(LengthRange trainLengths, LengthRange testLengths) {
        super("addition", DIGITS, "+", trainLengths, testLengths);
    }

    @Override
    protected Example generate(SplittableRandom random, LengthRange lengths) {
        String a = number(random, lengths.draw(random));
        String b = number(random, lengths.draw(random));
        String sum = new BigInteger(a).add(new BigInteger(b)).toString();
        return new Example(ids(a + operator() + b), ids(sum));
    }

    private static String number(SplittableRandom random, int digits) {
        StringBuilder s = new StringBuilder(digits);
        s.append(digits == 1 ? random.nextInt(10) : 1 + random.nextInt(9));
        for (int i = 1; i < digits; i++) {
            s.append(random.nextInt(10));
        }
        return s.toString();
    }

    @Override
    protected double operandsWithDigits(int k) {
        return k == 1 ? 10 : 9 * Math.pow(10, k - 1);
    }

    @Override
    public int maxTargetLength(LengthRange lengths) {
        return lengths.max() + 1;
    }
}
