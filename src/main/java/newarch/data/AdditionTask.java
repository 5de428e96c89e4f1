package newarch.data;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Multi-digit addition at character level: "123+45" → "168". Each operand has a number of digits drawn from the
 * length range (most significant digit first, no leading zeros). The carry makes every output digit depend on all
 * less significant input digits, which is harder than any rearrangement.
 */
public final class AdditionTask extends SequenceTask {
    private static final String PLUS = "+";

    public AdditionTask(LengthRange trainLengths, LengthRange testLengths) {
        super("addition", new Vocabulary(symbols()), trainLengths, testLengths);
    }

    private static List<String> symbols() {
        List<String> s = new ArrayList<>();
        for (int d = 0; d <= 9; d++) {
            s.add(Integer.toString(d));
        }
        s.add(PLUS);
        return s;
    }

    @Override
    protected Example generate(SplittableRandom random, LengthRange lengths) {
        String a = number(random, lengths.draw(random));
        String b = number(random, lengths.draw(random));
        String sum = new BigInteger(a).add(new BigInteger(b)).toString();
        return new Example(ids(a + PLUS + b), ids(sum));
    }

    private static String number(SplittableRandom random, int digits) {
        StringBuilder s = new StringBuilder(digits);
        s.append(digits == 1 ? random.nextInt(10) : 1 + random.nextInt(9));
        for (int i = 1; i < digits; i++) {
            s.append(random.nextInt(10));
        }
        return s.toString();
    }

    /** The ids of a string of digits and '+'. */
    public int[] ids(String text) {
        int[] out = new int[text.length()];
        for (int i = 0; i < text.length(); i++) {
            String c = text.substring(i, i + 1);
            if (!vocabulary().contains(c)) {
                throw new IllegalArgumentException("addition: '" + c + "' in '" + text + "' is not a digit or '+'");
            }
            out[i] = vocabulary().id(c);
        }
        return out;
    }

    @Override
    protected double inputsOfSourceLength(int sourceTokens) {
        int digits = sourceTokens - 1;
        double total = 0;
        for (int a = 1; a < digits; a++) {
            total += numbersWithDigits(a) * numbersWithDigits(digits - a);
        }
        return total;
    }

    private static double numbersWithDigits(int k) {
        return k == 1 ? 10 : 9 * Math.pow(10, k - 1);
    }

    @Override
    public int maxSourceLength(LengthRange lengths) {
        return 2 * lengths.max() + 1;
    }

    @Override
    public int maxTargetLength(LengthRange lengths) {
        return lengths.max() + 1;
    }
}
