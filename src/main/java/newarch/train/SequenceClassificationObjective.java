package newarch.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import newarch.data.PaddedIds;
import newarch.tensor.GradMode;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fine-tuning for sentence classification: batches of encoded texts drawn with replacement (a pure function of seed
 * and step), mean cross-entropy of the class logits. Evaluation scores every test text: accuracy, and precision,
 * recall and F1 of the positive class (label 1, e.g. spam).
 */
public final class SequenceClassificationObjective implements TrainingObjective {
    private static final CrossEntropy LOSS = new CrossEntropy();

    /** One encoded text ([CLS] ... [SEP]) and its label. */
    public record Example(int[] ids, int label) {
    }

    private final BiFunction<INDArray, INDArray, Tensor> model;
    private final ResampledBatches<Example> data;

    /** @param model class logits [B, C] of (ids [B, L], attention mask [B, L]) */
    public SequenceClassificationObjective(BiFunction<INDArray, INDArray, Tensor> model, List<Example> train,
                                           List<Example> test, int batchSize, long seed) {
        this.model = model;
        this.data = new ResampledBatches<>("examples", train, test, batchSize, seed);
    }

    @Override
    public StepLoss loss(long step) {
        List<Example> batch = data.training(step);
        PaddedIds in = PaddedIds.of(batch.stream().map(Example::ids).toList());
        Tensor loss = LOSS.loss(model.apply(in.ids(), in.mask()), labels(batch));
        long tokens = in.mask().sumNumber().longValue();
        return new StepLoss(loss, loss.data().getDouble(0), 0, batch.size(), tokens);
    }

    @Override
    public Map<String, Double> evaluate() {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long right = 0;
        try (GradMode ignored = GradMode.off()) {
            for (List<Example> batch : data.testChunks()) {
                PaddedIds in = PaddedIds.of(batch.stream().map(Example::ids).toList());
                INDArray guess = model.apply(in.ids(), in.mask()).data().argMax(1);
                for (int i = 0; i < batch.size(); i++) {
                    int g = guess.getInt(i);
                    int truth = batch.get(i).label();
                    right += g == truth ? 1 : 0;
                    tp += g == 1 && truth == 1 ? 1 : 0;
                    fp += g == 1 && truth != 1 ? 1 : 0;
                    fn += g != 1 && truth == 1 ? 1 : 0;
                }
            }
        }
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("test.accuracy", (double) right / data.testSize());
        m.put("test.precision", precision);
        m.put("test.recall", recall);
        m.put("test.f1", precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
        return m;
    }

    private static INDArray labels(List<Example> batch) {
        return Nd4j.createFromArray(batch.stream().mapToLong(Example::label).toArray()).castTo(DataType.LONG);
    }
}
