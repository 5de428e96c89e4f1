package newarch.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import newarch.data.Vocabulary;
import newarch.models.SequenceToSequence;
import newarch.tensor.GradMode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Greedy decoding: encode once, then repeatedly feed the prefix (starting with BOS) and append the most likely next
 * token, for all sources of a batch at once, until each has produced EOS or {@code maxLength} tokens (EOS included).
 * A source that has finished keeps being fed (with PAD appended) so the batch stays rectangular; its output no
 * longer changes.
 *
 * <p>Call it with the model in evaluation mode (no dropout); gradients are switched off inside.
 */
public final class GreedyDecoder {
    private GreedyDecoder() {
    }

    /** One hypothesis per row of {@code source} [B, S]; at most {@code maxLength} steps each, EOS included. */
    public static List<Hypothesis> decode(SequenceToSequence model, INDArray source, int maxLength) {
        Steps.requireSources(source);
        Steps.requireMaxLength(maxLength);
        try (GradMode ignored = GradMode.off()) {
            int b = (int) source.size(0);
            SequenceToSequence.Encoded memory = model.encode(source);
            long[][] prefix = new long[b][1];
            for (long[] row : prefix) {
                row[0] = Vocabulary.BOS;
            }
            boolean[] finished = new boolean[b];
            double[] logp = new double[b];
            int[] produced = new int[b];
            for (int step = 0; step < maxLength && !allTrue(finished); step++) {
                INDArray logProbs = Steps.lastLogProbabilities(model.decode(memory, Steps.prefixes(prefix))); // [B, V]
                long[] next = Nd4j.argMax(logProbs, 1).toLongVector();
                long[][] longer = new long[b][];
                for (int i = 0; i < b; i++) {
                    longer[i] = Arrays.copyOf(prefix[i], prefix[i].length + 1);
                    if (finished[i]) {
                        longer[i][prefix[i].length] = Vocabulary.PAD;
                        continue;
                    }
                    longer[i][prefix[i].length] = next[i];
                    logp[i] += logProbs.getDouble(i, next[i]);
                    if (next[i] == Vocabulary.EOS) {
                        finished[i] = true;
                    } else {
                        produced[i]++;
                    }
                }
                prefix = longer;
            }
            List<Hypothesis> out = new ArrayList<>(b);
            for (int i = 0; i < b; i++) {
                int[] tokens = new int[produced[i]];
                for (int j = 0; j < produced[i]; j++) {
                    tokens[j] = (int) prefix[i][j + 1];
                }
                boolean eos = prefix[i].length > produced[i] + 1 && prefix[i][produced[i] + 1] == Vocabulary.EOS;
                // Without EOS within maxLength steps the output was cut off: it is returned, marked unfinished.
                out.add(new Hypothesis(tokens, eos, logp[i], logp[i]));
            }
            return out;
        }
    }

    private static boolean allTrue(boolean[] a) {
        for (boolean x : a) {
            if (!x) {
                return false;
            }
        }
        return true;
    }
}
