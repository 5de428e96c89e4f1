package newarch.data;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A padded batch for teacher forcing, all int64:
 * {@code source} [B, S] (the inputs, PAD on the right), {@code targetInput} [B, T+1] = BOS y (what the decoder reads)
 * and {@code targetOutput} [B, T+1] = y EOS (what it must predict: the input shifted left by one), where S and T are
 * the longest source and target in the batch. PAD positions are ignored by attention and by the loss.
 */
public record Batch(INDArray source, INDArray targetInput, INDArray targetOutput, List<Example> examples) {

    public static Batch of(List<Example> examples) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one example");
        }
        int b = examples.size();
        int s = 0;
        int t = 0;
        for (Example e : examples) {
            if (e.sourceLength() == 0) {
                throw new IllegalArgumentException("example " + e + " has an empty source");
            }
            s = Math.max(s, e.sourceLength());
            t = Math.max(t, e.targetLength());
        }
        long[][] source = new long[b][s];
        long[][] targetIn = new long[b][t + 1];
        long[][] targetOut = new long[b][t + 1];
        for (int i = 0; i < b; i++) {
            int[] x = examples.get(i).source();
            int[] y = examples.get(i).target();
            for (int j = 0; j < x.length; j++) {
                source[i][j] = x[j];
            }
            targetIn[i][0] = Vocabulary.BOS;
            for (int j = 0; j < y.length; j++) {
                targetIn[i][j + 1] = y[j];
                targetOut[i][j] = y[j];
            }
            targetOut[i][y.length] = Vocabulary.EOS;
        }
        // new long[][] starts at 0 = PAD, so everything not written above is padding.
        return new Batch(Nd4j.createFromArray(source), Nd4j.createFromArray(targetIn), Nd4j.createFromArray(targetOut),
                List.copyOf(examples));
    }

    public int size() {
        return examples.size();
    }

    /** Real (non-PAD) source tokens. */
    public long sourceTokens() {
        return examples.stream().mapToLong(Example::sourceLength).sum();
    }

    /** Real target tokens the loss counts: each target plus its EOS. */
    public long targetTokens() {
        return examples.stream().mapToLong(e -> e.targetLength() + 1).sum();
    }
}
