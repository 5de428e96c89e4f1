package newarch.data;

/**
 * Output the input backwards: "abcd" → "dcba". Output position i needs input position n−1−i, so a model must
 * attend by position relative to the input's end, which the sinusoidal encoding makes expressible.
 */
public final class ReverseTask extends SymbolTask {
    public ReverseTask(int alphabet, LengthRange trainLengths, LengthRange testLengths) {
        super("reverse", alphabet, trainLengths, testLengths);
    }

    @Override
    protected int[] answer(int[] x) {
        int[] y = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[x.length - 1 - i];
        }
        return y;
    }
}
