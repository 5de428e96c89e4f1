package newarch.models.bert;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import newarch.train.CrossEntropy;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The fine-tuning heads (sequence and token classification) and the masked-position gather of pre-training: shapes,
 * Hugging Face state-dict names, double-precision gradient checks through every parameter, and equality of the
 * gathered masked-LM logits with the rows of the full ones.
 */
class FineTuningHeadsTest {
    static final INDArray IDS = BertGradTest.IDS;
    static final INDArray MASK = BertGradTest.MASK;

    @Test
    void sequenceClassifierHasHuggingFaceNamesAndCorrectGradients() {
        BertForSequenceClassification m = randomized(new BertForSequenceClassification(BertGradTest.tiny("gelu"), 3,
                new Rng(900)), new Rng(901), 0.5);
        m.eval();
        assertEquals(java.util.List.of(2L, 3L), java.util.Arrays.stream(m.forward(IDS, MASK).shape()).boxed().toList());
        assertEquals(true, m.stateDict().containsKey("classifier.weight"));
        assertEquals(true, m.stateDict().containsKey("bert.pooler.dense.weight"));
        INDArray labels = Nd4j.createFromArray(new long[] {2, 0});
        assertModuleGradients(m, in -> new CrossEntropy().loss(m.forward(IDS, MASK), labels));
    }

    @Test
    void tokenClassifierScoresOnlyLabelledTokensAndHasCorrectGradients() {
        BertForTokenClassification m = randomized(new BertForTokenClassification(BertGradTest.tiny("relu"), 3,
                new Rng(902)), new Rng(903), 0.5);
        m.eval();
        assertArrayEquals(new long[] {2, 3, 3}, m.forward(IDS, MASK).logits().shape());
        assertEquals(false, m.stateDict().containsKey("bert.pooler.dense.weight"));
        INDArray labels = Nd4j.createFromArray(new long[][] {{-100, 1, -100}, {2, 0, -100}});
        CrossEntropy loss = new CrossEntropy(0, -100, CrossEntropy.Reduction.MEAN);
        assertModuleGradients(m, in -> loss.sequenceLoss(m.forward(IDS, MASK).logits(), labels));
    }

    @Test
    void headsNeedTwoLabels() {
        assertBadInput(() -> new BertForSequenceClassification(BertGradTest.tiny("gelu"), 1, new Rng(1)), "num_labels",
                "1");
        assertBadInput(() -> new BertForTokenClassification(BertGradTest.tiny("gelu"), 0, new Rng(1)), "num_labels");
    }

    @Test
    void gatheredMaskedLmLogitsAreTheRowsOfTheFullOnes() {
        BertForPreTraining m = new BertForPreTraining(BertGradTest.tiny("gelu"), new Rng(904));
        m.eval();
        INDArray labels = Nd4j.createFromArray(new long[][] {{-100, 4, -100}, {2, -100, 6}});
        MaskedPositions masked = MaskedPositions.of(labels, -100);
        assertArrayEquals(new long[] {1, 3, 5}, masked.positions().toLongVector());
        assertArrayEquals(new long[] {4, 2, 6}, masked.labels().toLongVector());
        INDArray full = m.forward(IDS, MASK, BertGradTest.TYPES).predictionLogits().data();        // [2, 3, V]
        INDArray some = m.forward(IDS, MASK, BertGradTest.TYPES, masked.positions()).predictionLogits().data();
        long[][] at = {{0, 1}, {1, 0}, {1, 2}};
        for (int i = 0; i < at.length; i++) {
            INDArray row = full.get(NDArrayIndex.point(at[i][0]), NDArrayIndex.point(at[i][1]), NDArrayIndex.all());
            assertEquals(row, some.getRow(i));
        }
    }

    @Test
    void maskedPositionGatherHasCorrectGradientsAndClearErrors() {
        BertForPreTraining m = randomized(new BertForPreTraining(BertGradTest.tiny("gelu"), new Rng(905)), new Rng(906),
                0.5);
        m.eval();
        INDArray labels = Nd4j.createFromArray(new long[][] {{-100, 4, -100}, {2, -100, -100}});
        MaskedPositions masked = MaskedPositions.of(labels, -100);
        INDArray nsp = Nd4j.createFromArray(new long[] {0, 1});
        assertModuleGradients(m, in -> {
            var out = m.forward(IDS, MASK, BertGradTest.TYPES, masked.positions());
            return new CrossEntropy().loss(out.predictionLogits(), masked.labels())
                    .add(new CrossEntropy().loss(out.sentenceLogits(), nsp));
        });
        Tensor hidden = Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2, 3, 4));
        assertBadInput(() -> MaskedPositions.gather(hidden.reshape(6, 4), masked.positions()), "hidden states",
                "[6,4]");
        assertBadInput(() -> MaskedPositions.gather(hidden, Nd4j.createFromArray(new long[0])), "masked positions");
        assertBadInput(() -> MaskedPositions.of(Nd4j.zeros(DataType.LONG, 6), -100), "labels", "[6]");
    }
}
