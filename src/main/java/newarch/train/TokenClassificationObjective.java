package newarch.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import newarch.data.PaddedIds;
import newarch.tensor.GradMode;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fine-tuning for sequence labelling (e.g. part-of-speech tags): batches of encoded sentences drawn with replacement
 * (a pure function of seed and step), mean cross-entropy over the labelled tokens; positions labelled
 * {@link #IGNORED} ([CLS], [SEP], padding) are not scored. Evaluation: token accuracy over every test sentence.
 */
public final class TokenClassificationObjective implements TrainingObjective {
    public static final long IGNORED = -100;
    private static final CrossEntropy LOSS = new CrossEntropy(0, IGNORED, CrossEntropy.Reduction.MEAN);

    /** One encoded sentence and a label per position ({@link #IGNORED} where nothing is scored). */
    public record Example(int[] ids, int[] labels) {
    }

    /**
     * Word dropout: while training, each labelled token's id becomes {@code unknownId} with probability
     * {@code rate}. A tagger that only ever sees known words never learns what to do with the test set's unknown
     * ones, nor to let the context outvote a word's usual tag; replacing words by [UNK] now and then teaches both.
     */
    public record WordDropout(int unknownId, double rate) {
        public static final WordDropout NONE = new WordDropout(-1, 0);

        public WordDropout {
            if (!(rate >= 0 && rate < 1)) {
                throw new IllegalArgumentException("word dropout rate is " + rate + " but must be in [0, 1)");
            }
        }
    }

    private final BiFunction<INDArray, INDArray, Tensor> model;
    private final ResampledBatches<Example> data;
    private final WordDropout wordDropout;
    private final long seed;

    /** @param model label logits [B, L, C] of (ids [B, L], attention mask [B, L]) */
    public TokenClassificationObjective(BiFunction<INDArray, INDArray, Tensor> model, List<Example> train,
                                        List<Example> test, int batchSize, long seed) {
        this(model, train, test, batchSize, seed, WordDropout.NONE);
    }

    public TokenClassificationObjective(BiFunction<INDArray, INDArray, Tensor> model, List<Example> train,
                                        List<Example> test, int batchSize, long seed, WordDropout wordDropout) {
        this.model = model;
        this.data = new ResampledBatches<>("sentences", train, test, batchSize, seed);
        this.wordDropout = wordDropout;
        this.seed = seed;
    }

    @Override
    public StepLoss loss(long step) {
        List<Example> batch = withWordDropout(data.training(step), step);
        PaddedIds in = padded(batch);
        Tensor loss = LOSS.sequenceLoss(model.apply(in.ids(), in.mask()), in.labels());
        long labelled = in.labels().neq(IGNORED).castTo(DataType.LONG).sumNumber().longValue();
        return new StepLoss(loss, loss.data().getDouble(0), 0, labelled, in.mask().sumNumber().longValue());
    }

    @Override
    public Map<String, Double> evaluate() {
        long right = 0;
        long scored = 0;
        try (GradMode ignored = GradMode.off()) {
            for (List<Example> chunk : data.testChunks()) {
                PaddedIds in = padded(chunk);
                INDArray guess = model.apply(in.ids(), in.mask()).data().argMax(2).castTo(DataType.LONG);  // [B, L]
                INDArray labelled = in.labels().neq(IGNORED).castTo(DataType.LONG);
                right += guess.eq(in.labels()).castTo(DataType.LONG).muli(labelled).sumNumber().longValue();
                scored += labelled.sumNumber().longValue();
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("test.token_accuracy", (double) right / scored);
        return m;
    }

    /** The batch with words replaced by [UNK] (a pure function of seed and step, like the batch itself). */
    private List<Example> withWordDropout(List<Example> batch, long step) {
        if (wordDropout.rate() == 0) {
            return batch;
        }
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + step);
        List<Example> out = new ArrayList<>(batch.size());
        for (Example e : batch) {
            int[] ids = e.ids().clone();
            for (int i = 0; i < ids.length; i++) {
                if (e.labels()[i] != IGNORED && random.nextDouble() < wordDropout.rate()) {
                    ids[i] = wordDropout.unknownId();
                }
            }
            out.add(new Example(ids, e.labels()));
        }
        return out;
    }

    private static PaddedIds padded(List<Example> batch) {
        return PaddedIds.of(batch.stream().map(Example::ids).toList(), batch.stream().map(Example::labels).toList(),
                IGNORED);
    }
}
