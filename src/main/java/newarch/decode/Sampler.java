package newarch.decode;

import newarch.data.Vocabulary;
import newarch.models.LanguageModel;
import newarch.tensor.GradMode;
import newarch.tensor.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Continuing a prompt with a {@link LanguageModel}, one token at a time: greedily (temperature 0) or by sampling
 * from softmax(logits / temperature), optionally restricted to the k most likely tokens (top-k; Fan et al. 2018).
 * Sampling draws from a generator seeded by {@link Options#seed()}, so the same call returns the same text.
 * Call it with the model in evaluation mode.
 */
public final class Sampler {
    /**
     * @param temperature 0 for greedy; below 1 sharpens the distribution, above 1 flattens it
     * @param topK        sample among the k most likely tokens only; 0 for no restriction
     * @param stopAtEos   a row that produced EOS continues with PAD; all rows done ends generation early
     */
    public record Options(double temperature, int topK, long seed, boolean stopAtEos) {
        public Options {
            if (!(temperature >= 0) || Double.isInfinite(temperature)) {
                throw new IllegalArgumentException("temperature is " + temperature + " but must be >= 0 and finite");
            }
            if (topK < 0) {
                throw new IllegalArgumentException("top-k is " + topK + " but must be >= 0 (0 = all tokens)");
            }
        }

        public static Options greedy() {
            return new Options(0, 0, 0, true);
        }
    }

    private Sampler() {
    }

    /** {@code prompt} [B, P] (int64, P >= 1) followed by up to {@code maxNewTokens} generated tokens per row. */
    public static INDArray continuePrompt(LanguageModel model, INDArray prompt, int maxNewTokens, Options o) {
        Steps.requireSources(prompt);
        if (prompt.size(1) < 1 || maxNewTokens < 0) {
            throw new IllegalArgumentException("prompt is " + java.util.Arrays.toString(prompt.shape())
                    + " and maxNewTokens " + maxNewTokens + ": need at least one prompt token and maxNewTokens >= 0");
        }
        Rng rng = new Rng(o.seed());
        INDArray tokens = prompt.castTo(DataType.LONG);
        long b = tokens.size(0);
        INDArray finished = Nd4j.zeros(DataType.LONG, b, 1);                  // 1 once a row produced EOS
        try (GradMode ignored = GradMode.off()) {
            for (int n = 0; n < maxNewTokens; n++) {
                long len = tokens.size(1);
                long from = Math.max(0, len - model.contextLength());          // crop to the model's context
                INDArray context = tokens.get(NDArrayIndex.all(), NDArrayIndex.interval(from, len)).dup('c');
                INDArray logits = model.logits(context).data();
                INDArray last = logits.get(NDArrayIndex.all(), NDArrayIndex.point(context.size(1) - 1),
                        NDArrayIndex.all()).castTo(DataType.DOUBLE).dup('c'); // [B, V]
                INDArray next = o.temperature() == 0 ? Nd4j.argMax(last, 1).reshape(b, 1)
                        : sample(last, o, rng).reshape(b, 1);
                if (o.stopAtEos()) {
                    // finished rows get PAD: next·(1 − finished) + PAD·finished, with PAD = 0
                    next = next.castTo(DataType.LONG).mul(finished.rsub(1));
                    finished = finished.add(next.eq(Vocabulary.EOS).castTo(DataType.LONG)).gt(0).castTo(DataType.LONG);
                }
                tokens = Nd4j.hstack(tokens, next.castTo(DataType.LONG));
                if (o.stopAtEos() && finished.minNumber().longValue() == 1) {
                    break;
                }
            }
        }
        return tokens;
    }

    /** One token per row of {@code logits} [B, V] drawn from softmax(logits / T), restricted to the top k. */
    static INDArray sample(INDArray logits, Options o, Rng rng) {
        long b = logits.size(0);
        long v = logits.size(1);
        INDArray scaled = logits.div(o.temperature());
        if (o.topK() > 0 && o.topK() < v) {
            INDArray[] top = Nd4j.exec(DynamicCustomOp.builder("top_k").addInputs(scaled)
                    .addIntegerArguments(o.topK()).addBooleanArguments(true).build());
            INDArray kth = top[0].get(NDArrayIndex.all(), NDArrayIndex.point(o.topK() - 1)).reshape(b, 1);
            scaled = scaled.subColumnVector(kth);                              // softmax ignores a per-row shift
            BooleanIndexing.replaceWhere(scaled, Double.NEGATIVE_INFINITY, Conditions.lessThan(0));
        }
        INDArray probs = Transforms.softmax(scaled.subColumnVector(scaled.max(1).reshape(b, 1)), true); // [B, V]
        // Inverse-CDF sampling: the token is the number of cumulative probabilities below u ~ U(0, 1).
        INDArray cdf = probs.cumsum(1);
        INDArray u = rng.uniform(DataType.DOUBLE, 0, 1, b, 1);
        INDArray index = cdf.subColumnVector(u).lt(0).castTo(DataType.LONG).sum(1);           // [B]
        // Round-off can leave the last cumulative value just below u: fall back to the most likely token.
        INDArray overflow = index.gte(v).castTo(DataType.LONG);
        INDArray best = Nd4j.argMax(probs, 1).castTo(DataType.LONG);
        return index.mul(overflow.rsub(1)).add(best.mul(overflow));
    }
}
