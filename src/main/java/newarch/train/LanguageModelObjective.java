package newarch.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import newarch.data.Example;
import newarch.data.LengthRange;
import newarch.data.SequenceTask;
import newarch.data.Vocabulary;
import newarch.decode.Sampler;
import newarch.models.LanguageModel;
import newarch.tensor.NativeMemory;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Training a decoder-only language model on a {@link SequenceTask} written as one sequence,
 * {@code BOS x EOS y EOS}: the model predicts every next token, and the loss counts the answer {@code y EOS} only
 * (the question is given, not predicted; its positions are set to PAD in the targets, which the loss ignores).
 * Evaluation reports perplexity on the answers and exact/token accuracy of greedy continuations of
 * {@code BOS x EOS}, on held-out inputs of the training lengths ({@code test.*}) and of the longer ones
 * ({@code longer.*}).
 */
public final class LanguageModelObjective extends SyntheticTaskObjective {
    private final LanguageModel model;

    public LanguageModelObjective(LanguageModel model, SequenceTask task, long seed, int batchSize,
                                  double labelSmoothing, int evalSize) {
        super(task, seed, batchSize, labelSmoothing, evalSize, Vocabulary.PAD);
        this.model = model;
    }

    /** Inputs [B, L] and next-token targets [B, L] (PAD over the question) for a batch of examples. */
    record Sequences(INDArray input, INDArray target, long answerTokens, long allTokens) {
        static Sequences of(List<Example> examples) {
            int b = examples.size();
            int len = 0;
            for (Example e : examples) {
                len = Math.max(len, e.sourceLength() + e.targetLength() + 2);   // BOS x EOS y (input side)
            }
            long[][] in = new long[b][len];
            long[][] out = new long[b][len];
            long answer = 0;
            long all = 0;
            for (int i = 0; i < b; i++) {
                int[] x = examples.get(i).source();
                int[] y = examples.get(i).target();
                long[] full = new long[x.length + y.length + 3];
                full[0] = Vocabulary.BOS;
                for (int j = 0; j < x.length; j++) {
                    full[1 + j] = x[j];
                }
                full[1 + x.length] = Vocabulary.EOS;
                for (int j = 0; j < y.length; j++) {
                    full[2 + x.length + j] = y[j];
                }
                full[full.length - 1] = Vocabulary.EOS;
                for (int j = 0; j + 1 < full.length; j++) {
                    in[i][j] = full[j];
                    // Position j predicts full[j+1]; the answer starts at full[x.length + 2].
                    out[i][j] = j + 1 >= x.length + 2 ? full[j + 1] : Vocabulary.PAD;
                }
                answer += y.length + 1;
                all += full.length - 1;
            }
            return new Sequences(Nd4j.createFromArray(in), Nd4j.createFromArray(out), answer, all);
        }
    }

    @Override
    public StepLoss loss(long step) {
        Sequences s = Sequences.of(trainingBatch(step));
        Tensor ce = trainingLoss.sequenceLoss(model.logits(s.input()), s.target());
        return new StepLoss(ce, ce.data().getDouble(0), 0, s.answerTokens(), s.allTokens());
    }

    @Override
    protected Map<String, Double> score(List<Example> set, LengthRange lengths) {
        SequenceAccuracy accuracy = new SequenceAccuracy();
        double lossSum = 0;
        long lossTokens = 0;
        // A causal model continues a prompt only from its true end, so prompts of one length go together.
        TreeMap<Integer, List<Example>> bySourceLength = new TreeMap<>();
        set.forEach(e -> bySourceLength.computeIfAbsent(e.sourceLength(), k -> new ArrayList<>()).add(e));
        int maxAnswer = task.maxTargetLength(lengths) + 1;
        for (List<Example> group : bySourceLength.values()) {
            Sequences s = Sequences.of(group);
            lossSum += plainLoss.sequenceLoss(model.logits(s.input()), s.target()).data().getDouble(0);
            lossTokens += s.answerTokens();
            int promptLength = group.get(0).sourceLength() + 2;                     // BOS x EOS
            INDArray prompt = s.input().get(NDArrayIndex.all(), NDArrayIndex.interval(0, promptLength)).dup('c');
            INDArray full = Sampler.continuePrompt(model, prompt, maxAnswer, Sampler.Options.greedy());
            long[][] rows = full.toLongMatrix();
            for (int i = 0; i < group.size(); i++) {
                addContinuation(accuracy, rows[i], promptLength, group.get(i).target());
            }
            NativeMemory.collectIfGrown();
        }
        Map<String, Double> metrics = metrics(accuracy.exact(), accuracy.tokenAccuracy(), lossSum / lossTokens);
        metrics.put("perplexity", Math.exp(lossSum / lossTokens));
        return metrics;
    }

    private static void addContinuation(SequenceAccuracy accuracy, long[] row, int promptLength, int[] reference) {
        List<Integer> tokens = new ArrayList<>();
        boolean finished = false;
        for (int j = promptLength; j < row.length; j++) {
            if (row[j] == Vocabulary.EOS) {
                finished = true;
                break;
            }
            tokens.add((int) row[j]);
        }
        accuracy.add(tokens.stream().mapToInt(Integer::intValue).toArray(), finished, reference);
    }
}
