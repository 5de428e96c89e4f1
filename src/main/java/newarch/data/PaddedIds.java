package newarch.data;

import java.util.List;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sequences of different lengths in one int64 batch: ids [B, L] padded with {@link Vocabulary#PAD} to the longest,
 * the attention mask [B, L] (1 at real tokens) and, when per-token labels are given, the labels [B, L] padded with
 * the loss's ignore index.
 */
public record PaddedIds(INDArray ids, INDArray mask, INDArray labels) {

    /** Pads {@code sequences}; no labels. */
    public static PaddedIds of(List<int[]> sequences) {
        return of(sequences, null, 0);
    }

    /**
     * @param labels per-token labels, each as long as its sequence (null: none)
     * @param ignore the label of padding positions
     */
    public static PaddedIds of(List<int[]> sequences, List<int[]> labels, long ignore) {
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one sequence");
        }
        int b = sequences.size();
        int len = sequences.stream().mapToInt(s -> s.length).max().orElseThrow();
        long[][] ids = new long[b][len];
        long[][] mask = new long[b][len];
        long[][] padded = labels == null ? null : new long[b][len];
        for (int i = 0; i < b; i++) {
            int[] s = sequences.get(i);
            if (labels != null && labels.get(i).length != s.length) {
                throw new IllegalArgumentException("sequence " + i + " has " + s.length + " tokens but "
                        + labels.get(i).length + " labels");
            }
            for (int j = 0; j < len; j++) {
                boolean real = j < s.length;
                ids[i][j] = real ? s[j] : Vocabulary.PAD;
                mask[i][j] = real ? 1 : 0;
                if (padded != null) {
                    padded[i][j] = real ? labels.get(i)[j] : ignore;
                }
            }
        }
        return new PaddedIds(Nd4j.createFromArray(ids), Nd4j.createFromArray(mask),
                padded == null ? null : Nd4j.createFromArray(padded));
    }
}
