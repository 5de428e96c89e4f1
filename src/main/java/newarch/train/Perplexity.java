package newarch.train;

import java.util.List;
import newarch.data.LanguageModelBatcher;
import newarch.data.Vocabulary;
import newarch.models.LanguageModel;
import newarch.tensor.GradMode;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Perplexity, the language-modelling metric: exp of the mean cross-entropy (in nats) per predicted token. A model
 * with perplexity P is, on average, as unsure as one choosing uniformly among P tokens; a uniform guess over a
 * vocabulary of V tokens has perplexity exactly V. PAD targets are not predictions and are not counted.
 */
public final class Perplexity {
    private static final CrossEntropy SUMMED = new CrossEntropy(0, Vocabulary.PAD, CrossEntropy.Reduction.SUM);

    private Perplexity() {
    }

    /** exp(mean cross-entropy) of next-token logits [B, L, V] against targets [B, L], PAD targets left out. */
    public static double of(Tensor logits, INDArray targets) {
        return Math.exp(meanCrossEntropy(logits, targets));
    }

    /** The mean cross-entropy in nats over the non-PAD targets: logits [B, L, V], targets [B, L]. */
    public static double meanCrossEntropy(Tensor logits, INDArray targets) {
        long counted = countedTargets(logits, targets);
        if (counted == 0) {
            throw new IllegalArgumentException("targets " + Shapes.show(targets) + " hold only PAD ("
                    + Vocabulary.PAD + "): there is no prediction to average over");
        }
        return summedCrossEntropy(logits, targets) / counted;
    }

    /**
     * The perplexity of {@code model} over whole batches: every counted token weighs the same, so a short last batch
     * does not count as much as a full one. Runs without recording gradients.
     */
    public static double evaluate(LanguageModel model, List<LanguageModelBatcher.Batch> batches) {
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("perplexity of no batches: give at least one batch");
        }
        double total = 0;
        long counted = 0;
        try (GradMode ignored = GradMode.off()) {
            for (LanguageModelBatcher.Batch b : batches) {
                Tensor logits = model.logits(b.inputs());                      // [B, L, V]
                counted += countedTargets(logits, b.targets());
                total += summedCrossEntropy(logits, b.targets());
            }
        }
        if (counted == 0) {
            throw new IllegalArgumentException("the batches' targets hold only PAD: there is no prediction to average over");
        }
        return Math.exp(total / counted);
    }

    private static double summedCrossEntropy(Tensor logits, INDArray targets) {
        // CrossEntropy wants the classes on dimension 1, as PyTorch: [B, L, V] -> [B, V, L].
        return SUMMED.loss(logits.permute(0, 2, 1), targets).data().getDouble(0);
    }

    private static long countedTargets(Tensor logits, INDArray targets) {
        Shapes.requireRank("logits", logits, 3);
        if (targets.rank() != 2 || targets.size(0) != logits.size(0) || targets.size(1) != logits.size(1)
                || !targets.dataType().isIntType()) {
            throw new ShapeException("targets are " + targets.dataType() + " " + Shapes.show(targets) + " but logits are "
                    + Shapes.show(logits.data()) + ": targets must be integer ids [" + logits.size(0) + ","
                    + logits.size(1) + "] (one per position)");
        }
        return targets.neq(Vocabulary.PAD).castTo(org.nd4j.linalg.api.buffer.DataType.LONG).sumNumber().longValue();
    }
}
