package newarch.embeddings;

import newarch.data.Vocabulary;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training pairs of CBOW: for every position with a full window, the {@code window} ids on each side (the
 * context, [N, 2·window]) and the id in the middle (the target, [N]). Positions whose target is UNK are skipped:
 * predicting "some rare word" teaches nothing about the rare word and would dominate a top-N vocabulary.
 */
public record CbowExamples(INDArray contexts, INDArray targets) {

    public static CbowExamples of(int[] ids, int window) {
        requireWindow(window);
        int span = 2 * window;
        int n = 0;
        for (int i = window; i + window < ids.length; i++) {
            n += ids[i] == Vocabulary.UNK ? 0 : 1;
        }
        if (n == 0) {
            throw new IllegalArgumentException("a text of " + ids.length + " ids has no position with a full window of "
                    + window + " on each side and a known target word");
        }
        int[] context = new int[n * span];
        int[] target = new int[n];
        int row = 0;
        for (int i = window; i + window < ids.length; i++) {
            if (ids[i] == Vocabulary.UNK) {
                continue;
            }
            for (int j = 0; j < window; j++) {
                context[row * span + j] = ids[i - window + j];
                context[row * span + window + j] = ids[i + 1 + j];
            }
            target[row++] = ids[i];
        }
        return new CbowExamples(Nd4j.createFromArray(context).reshape(n, span), Nd4j.createFromArray(target));
    }

    public long size() {
        return targets.length();
    }

    static void requireWindow(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window is " + window + " but must be at least 1 (words on each side)");
        }
    }
}
