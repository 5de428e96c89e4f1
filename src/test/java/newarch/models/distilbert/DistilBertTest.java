package newarch.models.distilbert;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static newarch.tensor.GradAssert.assertGradients;
import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.normal;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import newarch.attention.PositionalEncoding;
import newarch.models.bert.BertConfig;
import newarch.models.bert.BertForPreTraining;
import newarch.models.bert.BertModel;
import newarch.tensor.GradMode;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** DistilBERT: gradients (model and distillation loss), sinusoidal positions, the student initialiser, names, errors. */
class DistilBertTest {
    private static final INDArray IDS = Nd4j.createFromArray(new long[][] {{1, 6, 0}, {3, 2, 5}});
    private static final INDArray MASK = Nd4j.createFromArray(new long[][] {{1, 1, 0}, {1, 1, 1}});
    private static final INDArray LABELS = Nd4j.createFromArray(new long[][] {{-100, 4, -100}, {2, -100, 1}});

    private static DistilBertConfig tiny(boolean sinusoidal, String act) {
        return new DistilBertConfig(7, 4, sinusoidal, 1, 2, 4, 5, 0, 0, act, 0.02);
    }

    @Test
    void gradientsOfTheDistillationLossThroughTheStudent() {
        DistilBertForMaskedLM student = randomized(new DistilBertForMaskedLM(tiny(true, "gelu"), new Rng(1000)),
                new Rng(1001), 0.5);
        student.eval();
        Tensor teacherLogits = normal(new Rng(1002), 2, 3, 7);
        Tensor teacherHidden = normal(new Rng(1003), 2, 3, 4);
        DistillationLoss loss = new DistillationLoss(2.0, 5.0, 2.0, 1.0);
        assertModuleGradients(student, in -> {
            DistilBertForMaskedLM.Output out = student.forward(IDS, MASK);
            return loss.compute(out.logits(), teacherLogits, out.encoder().lastHiddenState(), teacherHidden, MASK,
                    LABELS).total();
        });
    }

    @Test
    void gradientsOfEachDistillationTermOnItsInputs() {
        Tensor logits = normal(new Rng(1004), 2, 3, 5);
        Tensor hidden = normal(new Rng(1005), 2, 3, 4);
        Tensor teacherLogits = normal(new Rng(1006), 2, 3, 5);
        Tensor teacherHidden = normal(new Rng(1007), 2, 3, 4);
        INDArray labels = Nd4j.createFromArray(new long[][] {{-100, 4, -100}, {2, -100, 1}});
        DistillationLoss loss = new DistillationLoss(3.0, 1.0, 1.0, 1.0);
        assertGradients(in -> loss.compute(in.get(0), teacherLogits, hidden.detach(), teacherHidden, MASK, labels)
                .softTarget(), logits);
        assertGradients(in -> loss.compute(logits.detach(), teacherLogits, in.get(0), teacherHidden, MASK, labels)
                .cosine(), hidden);
    }

    @Test
    void distillationTermsVanishWhenTheStudentIsTheTeacher() {
        Tensor logits = normal(new Rng(1008), 2, 3, 5);
        Tensor hidden = normal(new Rng(1009), 2, 3, 4);
        DistillationLoss.Terms t = DistillationLoss.defaults().compute(logits, logits, hidden, hidden, MASK, null);
        assertEquals(0, t.softTarget().data().getDouble(0), 1e-12);
        assertEquals(0, t.cosine().data().getDouble(0), 1e-12);
        // Opposite hidden states: cos = −1, so 1 − cos = 2 at every real token.
        DistillationLoss.Terms o = DistillationLoss.defaults().compute(logits, logits, hidden, hidden.mul(-1), MASK, null);
        assertEquals(2, o.cosine().data().getDouble(0), 1e-9);
        assertEquals(2, o.total().data().getDouble(0), 1e-9);
    }

    @Test
    void theModelTrainsWithReluAndLearnedPositionsToo() {
        DistilBertModel m = randomized(new DistilBertModel(tiny(false, "relu"), new Rng(1010)), new Rng(1011), 0.5);
        m.eval();
        assertModuleGradients(m, in -> m.forward(IDS, MASK).lastHiddenState());
    }

    @Test
    void sinusoidalPositionsAreAFixedBufferUnderTheHuggingFaceKey() {
        DistilBertModel m = new DistilBertModel(tiny(true, "gelu"), new Rng(1012));
        INDArray table = m.stateDict().get("embeddings.position_embeddings.weight");
        assertTrue(PositionalEncoding.sinusoidal(4, 4, 10000, DataType.FLOAT).equalsWithEps(table, 1e-7));
        assertFalse(m.namedParameters().containsKey("embeddings.position_embeddings.weight"));
        assertEquals(new DistilBertModel(tiny(false, "gelu"), new Rng(1012)).parameterCount() - 16, m.parameterCount());
        // A checkpoint without the fixed table still loads.
        java.util.Map<String, INDArray> state = new java.util.LinkedHashMap<>(m.stateDict());
        state.remove("embeddings.position_embeddings.weight");
        new DistilBertModel(tiny(true, "gelu"), new Rng(1013)).loadHuggingFace(state);
    }

    @Test
    void namesAndCountsAreHuggingFaces() {
        assertEquals(66_362_880L, new DistilBertModel(DistilBertConfig.base(), new Rng(1014)).parameterCount());
        List<String> keys = List.copyOf(new DistilBertForMaskedLM(tiny(false, "gelu"), new Rng(1015)).stateDict().keySet());
        assertTrue(keys.containsAll(List.of("distilbert.embeddings.word_embeddings.weight",
                "distilbert.transformer.layer.0.attention.q_lin.weight",
                "distilbert.transformer.layer.0.attention.out_lin.bias",
                "distilbert.transformer.layer.0.sa_layer_norm.weight", "distilbert.transformer.layer.0.ffn.lin1.weight",
                "distilbert.transformer.layer.0.output_layer_norm.bias", "vocab_transform.weight",
                "vocab_layer_norm.weight", "vocab_projector.bias")), keys.toString());
        assertFalse(keys.contains("vocab_projector.weight"), "the projector is tied to the token table");
    }

    @Test
    void theStudentStartsFromEveryOtherTeacherLayer() {
        BertConfig teacherConfig = new BertConfig(7, 4, 4, 2, 5, "gelu", 0, 0, 4, 2, 0.02, 1e-12);
        BertModel teacher = new BertModel(teacherConfig, new Rng(1016));
        DistilBertModel student = StudentInitializer.studentOf(teacher, new Rng(1017));
        assertEquals(2, student.config().nLayers());
        assertEquals(teacher.stateDict().get("encoder.layer.2.attention.self.key.weight"),
                student.stateDict().get("transformer.layer.1.attention.k_lin.weight"));
        assertEquals(teacher.stateDict().get("encoder.layer.0.output.LayerNorm.bias"),
                student.stateDict().get("transformer.layer.0.output_layer_norm.bias"));

        // With every layer copied and the segment table zeroed, the student computes exactly what the teacher does.
        teacher.stateDict().get("embeddings.token_type_embeddings.weight").assign(0);
        DistilBertModel twin = new DistilBertModel(DistilBertConfig.studentOf(teacherConfig), new Rng(1018));
        DistilBertModel full = new DistilBertModel(new DistilBertConfig(7, 4, false, 4, 2, 4, 5, 0, 0, "gelu", 0.02),
                new Rng(1019));
        StudentInitializer.copy(teacher, full, new int[] {0, 1, 2, 3});
        try (GradMode ignored = GradMode.off()) {
            assertTrue(teacher.forward(IDS, MASK, null).lastHiddenState().data()
                    .equalsWithEps(full.forward(IDS, MASK).lastHiddenState().data(), 1e-5));
        }
        assertBadInput(() -> StudentInitializer.copy(teacher, twin, new int[] {0, 4}), "teacher layer 4",
                "4 layers");

        BertForPreTraining mlmTeacher = new BertForPreTraining(teacherConfig, new Rng(1020));
        DistilBertForMaskedLM mlmStudent = new DistilBertForMaskedLM(DistilBertConfig.studentOf(teacherConfig),
                new Rng(1021));
        StudentInitializer.copy(mlmTeacher, mlmStudent, StudentInitializer.everyOther(2));
        assertEquals(mlmTeacher.stateDict().get("cls.predictions.bias"), mlmStudent.stateDict().get("vocab_projector.bias"));
    }

    @Test
    void badInputIsOneLine() {
        DistilBertModel m = new DistilBertModel(tiny(false, "gelu"), new Rng(1022));
        assertBadInput(() -> m.forward(Nd4j.createFromArray(new long[][] {{1, 7}})), "input_ids", "vocab_size is 7");
        assertBadInput(() -> m.forward(Nd4j.zeros(DataType.LONG, 1, 5)), "input_ids is [1,5]", "max_position_embeddings");
        assertBadInput(() -> m.forward(Nd4j.createFromArray(new long[][] {{1, 2}}), Nd4j.ones(DataType.LONG, 1, 3)),
                "attention_mask is [1,3]", "[1,2]");
        assertBadInput(() -> new DistilBertConfig(7, 4, false, 1, 3, 4, 5, 0, 0, "gelu", 0.02), "dim 4", "n_heads 3");
        assertBadInput(() -> new DistilBertConfig(7, 4, false, 1, 2, 4, 5, 0, 0, "prelu", 0.02), "activation 'prelu'");
        assertBadInput(() -> new DistillationLoss(0, 1, 1, 1), "temperature");
        Tensor x = normal(new Rng(1023), 2, 3, 5);
        assertBadInput(() -> DistillationLoss.defaults().compute(x, normal(new Rng(1024), 2, 3, 6), x, x, null, null),
                "teacher logits are [2,3,6]", "[2,3,5]");
    }
}
