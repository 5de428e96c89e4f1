package newarch.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import newarch.data.Vocabulary;
import newarch.models.SequenceToSequence;
import newarch.tensor.GradMode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Beam search (the decoder of the Transformer paper, §6.1: beam size 4, length penalty α = 0.6): keep the
 * {@code beamWidth} most likely prefixes per source instead of only the best one, extend each by every token, and
 * keep the best {@code beamWidth} of the results. A prefix that produces EOS leaves the beam as a finished
 * hypothesis, scored by log P / lp (see {@link LengthPenalty}); a source is done when it has {@code beamWidth}
 * finished hypotheses or after {@code maxLength} steps. All sources of a batch are searched together: the encoder
 * runs once and its output is repeated per beam ({@link SequenceToSequence.Encoded#repeatRows}).
 *
 * <p>With beam width 1 this is exactly greedy decoding. Call it with the model in evaluation mode.
 */
public record BeamSearch(int beamWidth, double lengthPenalty, int maxLength) {
    public BeamSearch {
        if (beamWidth < 1) {
            throw new IllegalArgumentException("beam width is " + beamWidth + " but must be at least 1");
        }
        if (!(lengthPenalty >= 0)) {
            throw new IllegalArgumentException("length penalty alpha is " + lengthPenalty + " but must be >= 0");
        }
        Steps.requireMaxLength(maxLength);
    }

    /** The best hypothesis for each row of {@code source} [B, S]. */
    public List<Hypothesis> decode(SequenceToSequence model, INDArray source) {
        List<Hypothesis> best = new ArrayList<>();
        nBest(model, source).forEach(list -> best.add(list.get(0)));
        return best;
    }

    /**
     * Up to {@code beamWidth} hypotheses per source, best first: the finished ones, or, when none finished within
     * {@code maxLength} steps, the unfinished beams.
     */
    public List<List<Hypothesis>> nBest(SequenceToSequence model, INDArray source) {
        Steps.requireSources(source);
        int b = (int) source.size(0);
        int k = beamWidth;
        int rows = b * k;
        try (GradMode ignored = GradMode.off()) {
            SequenceToSequence.Encoded memory = model.encode(source).repeatRows(k);
            long[][] prefix = new long[rows][];
            double[] beamLogp = new double[rows];
            for (int r = 0; r < rows; r++) {
                prefix[r] = new long[] {Vocabulary.BOS};
                // All beams of a source start equal: keep only the first alive, or step 1 would pick k copies.
                beamLogp[r] = r % k == 0 ? 0 : Double.NEGATIVE_INFINITY;
            }
            List<List<Hypothesis>> finished = new ArrayList<>();
            for (int i = 0; i < b; i++) {
                finished.add(new ArrayList<>());
            }
            boolean[] done = new boolean[b];
            for (int step = 0; step < maxLength; step++) {
                INDArray logProbs = Steps.lastLogProbabilities(
                        model.decode(memory, Steps.prefixes(prefix)));                              // [B·k, V]
                int v = (int) logProbs.size(1);
                // Every (beam, token) extension of a source, scored by the beam's log P plus the token's.
                INDArray candidates = logProbs.addColumnVector(Nd4j.createFromArray(beamLogp).reshape(rows, 1)
                        .castTo(logProbs.dataType())).reshape('c', b, (long) k * v);                    // [B, k·V]
                int keep = Math.min(2 * k, k * v); // 2k: even if k of them end in EOS, k can continue
                INDArray[] top = Nd4j.exec(DynamicCustomOp.builder("top_k").addInputs(candidates)
                        .addIntegerArguments(keep).addBooleanArguments(true).build());
                double[][] values = top[0].castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
                long[][] indices = top[1].toLongMatrix();
                long[][] nextPrefix = new long[rows][];
                double[] nextLogp = new double[rows];
                for (int i = 0; i < b; i++) {
                    int filled = 0;
                    for (int j = 0; j < keep && filled < k && !done[i]; j++) {
                        double score = values[i][j];
                        if (score == Double.NEGATIVE_INFINITY) {
                            break;
                        }
                        int parent = i * k + (int) (indices[i][j] / v);
                        long token = indices[i][j] % v;
                        if (token == Vocabulary.EOS) {
                            // Only an EOS among the k best counts, as a finished hypothesis of step + 1 tokens.
                            if (j < k) {
                                addFinished(finished.get(i), tokensOf(prefix[parent]), score, step + 1);
                            }
                            continue;
                        }
                        nextPrefix[i * k + filled] = append(prefix[parent], token);
                        nextLogp[i * k + filled] = score;
                        filled++;
                    }
                    for (int f = filled; f < k; f++) {
                        // A dead slot: carries a copy of the source's first row so the batch stays rectangular.
                        nextPrefix[i * k + f] = append(prefix[i * k], Vocabulary.PAD);
                        nextLogp[i * k + f] = Double.NEGATIVE_INFINITY;
                    }
                    done[i] |= finished.get(i).size() >= k || filled == 0;
                }
                prefix = nextPrefix;
                beamLogp = nextLogp;
                if (allTrue(done)) {
                    break;
                }
            }
            List<List<Hypothesis>> out = new ArrayList<>();
            for (int i = 0; i < b; i++) {
                List<Hypothesis> list = finished.get(i);
                if (list.isEmpty()) {
                    list = new ArrayList<>();
                    for (int f = 0; f < k; f++) {
                        int r = i * k + f;
                        if (beamLogp[r] != Double.NEGATIVE_INFINITY) {
                            int[] tokens = tokensOf(prefix[r]);
                            list.add(new Hypothesis(tokens, false, beamLogp[r],
                                    beamLogp[r] / LengthPenalty.gnmt(tokens.length, lengthPenalty)));
                        }
                    }
                    list.sort(Comparator.comparingDouble(Hypothesis::score).reversed());
                }
                out.add(List.copyOf(list));
            }
            return out;
        }
    }

    /** Inserts in score order and keeps the best {@code beamWidth}. */
    private void addFinished(List<Hypothesis> list, int[] tokens, double logp, int length) {
        list.add(new Hypothesis(tokens, true, logp, logp / LengthPenalty.gnmt(length, lengthPenalty)));
        list.sort(Comparator.comparingDouble(Hypothesis::score).reversed());
        while (list.size() > beamWidth) {
            list.remove(list.size() - 1);
        }
    }

    /** The generated tokens of a prefix: without the leading BOS and any trailing PAD. */
    private static int[] tokensOf(long[] prefix) {
        int end = prefix.length;
        while (end > 1 && prefix[end - 1] == Vocabulary.PAD) {
            end--;
        }
        int[] out = new int[end - 1];
        for (int i = 1; i < end; i++) {
            out[i - 1] = (int) prefix[i];
        }
        return out;
    }

    private static long[] append(long[] prefix, long token) {
        long[] out = Arrays.copyOf(prefix, prefix.length + 1);
        out[prefix.length] = token;
        return out;
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
