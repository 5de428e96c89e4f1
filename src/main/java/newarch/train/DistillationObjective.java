package newarch.train;

import java.util.LinkedHashMap;
import java.util.Map;
import newarch.data.pretraining.PairBatch;
import newarch.models.bert.BertForPreTraining;
import newarch.models.bert.MaskedPositions;
import newarch.models.bert.PreTrainingOutput;
import newarch.models.distilbert.DistilBertForMaskedLM;
import newarch.models.distilbert.DistillationLoss;
import newarch.tensor.GradMode;
import newarch.tensor.Tensor;

/**
 * DistilBERT's training signal on the pre-training batches of a {@link PreTrainingObjective}: the teacher (frozen, no
 * gradient) reads the same corrupted pair as the student; the loss is {@link DistillationLoss}'s weighted sum of soft
 * targets at temperature T, the student's own masked-LM loss and the cosine between the two last hidden states.
 * Evaluation: the student's masked-LM accuracy on the held-out pairs.
 */
public final class DistillationObjective implements TrainingObjective {
    private final BertForPreTraining teacher;
    private final DistilBertForMaskedLM student;
    private final PreTrainingObjective batches;
    private final DistillationLoss loss;

    public DistillationObjective(BertForPreTraining teacher, DistilBertForMaskedLM student,
                                 PreTrainingObjective batches, DistillationLoss loss) {
        this.teacher = teacher;
        this.student = student;
        this.batches = batches;
        this.loss = loss;
    }

    @Override
    public StepLoss loss(long step) {
        PairBatch b = batches.trainingBatch(step);
        PreTrainingOutput t;
        teacher.eval();
        try (GradMode ignored = GradMode.off()) {
            t = teacher.forward(b.inputIds(), b.attentionMask(), b.tokenTypeIds());
        }
        DistilBertForMaskedLM.Output s = student.forward(b.inputIds(), b.attentionMask());
        DistillationLoss.Terms terms = loss.compute(s.logits(), t.predictionLogits(), s.encoder().lastHiddenState(),
                t.encoder().lastHiddenState(), b.attentionMask(), b.mlmLabels());
        long tokens = b.attentionMask().sumNumber().longValue();
        return new StepLoss(terms.total(), terms.maskedLm().data().getDouble(0), 0, tokens, tokens);
    }

    @Override
    public Map<String, Double> evaluate() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("test.mlm_accuracy", studentAccuracy(student, batches));
        return m;
    }

    /** Held-out masked-LM accuracy of a student (its logits at every position, gathered at the masked ones). */
    public static double studentAccuracy(DistilBertForMaskedLM student, PreTrainingObjective batches) {
        return batches.maskedLmAccuracy((b, positions) -> gathered(student.forward(b.inputIds(), b.attentionMask())
                .logits(), positions));
    }

    /** Held-out masked-LM accuracy of a teacher. */
    public static double teacherAccuracy(BertForPreTraining teacher, PreTrainingObjective batches) {
        return batches.maskedLmAccuracy((b, positions) -> teacher.forward(b.inputIds(), b.attentionMask(),
                b.tokenTypeIds(), positions).predictionLogits());
    }

    private static Tensor gathered(Tensor logits, org.nd4j.linalg.api.ndarray.INDArray positions) {
        return MaskedPositions.gather(logits, positions);
    }
}
