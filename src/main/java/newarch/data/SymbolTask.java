package newarch.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A task over strings of random symbols whose answer is a rearrangement of the input (copy, reverse, sort). The
 * symbols are the letters a, b, c, ... so that inputs read as words in examples and notebooks.
 */
public abstract class SymbolTask extends SequenceTask {
    private final int alphabet;

    protected SymbolTask(String name, int alphabet, LengthRange trainLengths, LengthRange testLengths) {
        super(name, new Vocabulary(letters(alphabet)), trainLengths, testLengths);
        this.alphabet = alphabet;
    }

    private static List<String> letters(int alphabet) {
        if (alphabet < 2 || alphabet > 26) {
            throw new IllegalArgumentException("alphabet size is " + alphabet + " but must be in [2, 26]");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < alphabet; i++) {
            out.add(String.valueOf((char) ('a' + i)));
        }
        return out;
    }

    /** The answer for input symbols {@code x} (ids). */
    protected abstract int[] answer(int[] x);

    @Override
    protected Example generate(SplittableRandom random, LengthRange lengths) {
        int length = lengths.draw(random);
        int[] x = new int[length];
        for (int i = 0; i < length; i++) {
            x[i] = Vocabulary.UNK + 1 + random.nextInt(alphabet);
        }
        return new Example(x, answer(x));
    }

    @Override
    protected double inputsOfSourceLength(int sourceTokens) {
        return Math.pow(alphabet, sourceTokens);
    }

    @Override
    public int maxSourceLength(LengthRange lengths) {
        return lengths.max();
    }

    @Override
    public int maxTargetLength(LengthRange lengths) {
        return lengths.max();
    }

    public int alphabet() {
        return alphabet;
    }
}
