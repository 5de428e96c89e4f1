package newarch.data;

import java.util.Arrays;

/** Output the input's symbols in alphabetical order: "cabd" → "abcd". Needs counting, not just routing. */
public final class SortTask extends SymbolTask {
    public SortTask(int alphabet, LengthRange trainLengths, LengthRange testLengths) {
        super("sort", alphabet, trainLengths, testLengths);
    }

    @Override
    protected int[] answer(int[] x) {
        int[] y = x.clone();
        Arrays.sort(y); // symbol ids follow the alphabet, so id order is alphabetical order
        return y;
    }
}
