package newarch.data;

/** Output the input unchanged: "abca" → "abca". The simplest test that attention can route each position. */
public final class CopyTask extends SymbolTask {
    public CopyTask(int alphabet, LengthRange trainLengths, LengthRange testLengths) {
        super("copy", alphabet, trainLengths, testLengths);
    }

    @Override
    protected int[] answer(int[] x) {
        return x.clone();
    }
}
