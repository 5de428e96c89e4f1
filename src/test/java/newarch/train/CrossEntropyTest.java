package newarch.train;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static newarch.tensor.ErrorAssert.assertShapeError;
import static newarch.tensor.GradAssert.assertGradients;
import static newarch.tensor.GradAssert.normal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import newarch.tensor.Rng;
import newarch.tensor.Softmax;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CrossEntropyTest {
    private static final INDArray TARGETS = Nd4j.createFromArray(new long[] {2, 0, 3, 1, 3});
    /** Position 1 and 3 carry ignore_index. */
    private static final INDArray TARGETS_WITH_IGNORED = Nd4j.createFromArray(new long[] {2, -100, 3, -100, 0});

    private static Tensor logits(long seed, long... shape) {
        return normal(new Rng(seed), shape);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CrossEntropy.Reduction.class)
    void gradientForNByC(CrossEntropy.Reduction reduction) {
        CrossEntropy ce = new CrossEntropy(0, -100, reduction);
        assertGradients(in -> ce.loss(in.get(0), TARGETS), logits(400, 5, 4));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CrossEntropy.Reduction.class)
    void gradientWithLabelSmoothing(CrossEntropy.Reduction reduction) {
        CrossEntropy ce = new CrossEntropy(0.1, -100, reduction);
        assertGradients(in -> ce.loss(in.get(0), TARGETS), logits(401, 5, 4));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CrossEntropy.Reduction.class)
    void gradientWithIgnoreIndexAndLabelSmoothing(CrossEntropy.Reduction reduction) {
        CrossEntropy ce = new CrossEntropy(0.2, -100, reduction);
        assertGradients(in -> ce.loss(in.get(0), TARGETS_WITH_IGNORED), logits(402, 5, 4));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CrossEntropy.Reduction.class)
    void gradientForNByCByD(CrossEntropy.Reduction reduction) {
        CrossEntropy ce = new CrossEntropy(0.1, 1, reduction);
        INDArray targets = Nd4j.createFromArray(new long[][] {{0, 1, 3}, {2, 2, 1}}); // class 1 is ignored
        Tensor x = logits(403, 2, 4, 3);
        if (reduction == CrossEntropy.Reduction.NONE) {
            assertArrayEquals(new long[] {2, 3}, ce.loss(x, targets).shape());
        }
        assertGradients(in -> ce.loss(in.get(0), targets), x);
    }

    @Test
    void gradientForASingleUnbatchedSample() {
        CrossEntropy ce = new CrossEntropy(0.05, -100, CrossEntropy.Reduction.MEAN);
        assertGradients(in -> ce.loss(in.get(0), Nd4j.scalar(2L)), logits(404, 4));
    }

    @Test
    void gradientForClassProbabilityTargets() {
        INDArray probs = Softmax.probabilities(new Rng(405).normal(DataType.DOUBLE, 0, 1, 3, 4), 1);
        CrossEntropy ce = new CrossEntropy(0.1, -100, CrossEntropy.Reduction.MEAN);
        assertGradients(in -> ce.loss(in.get(0), probs), logits(406, 3, 4));
    }

    @Test
    void meanIsMinusTheAverageLogProbabilityOfTheTargets() {
        Tensor x = logits(407, 5, 4);
        INDArray logp = Softmax.logSoftmax(x, 1).data();
        double expected = 0;
        for (int i = 0; i < 5; i++) {
            expected -= logp.getDouble(i, TARGETS.getLong(i));
        }
        assertEquals(expected / 5, new CrossEntropy().loss(x, TARGETS).data().getDouble(0), 1e-12);
        assertEquals(expected, new CrossEntropy(0, -100, CrossEntropy.Reduction.SUM).loss(x, TARGETS).data().getDouble(0), 1e-12);
    }

    @Test
    void labelSmoothingAndIgnoreIndexValues() {
        Tensor x = logits(408, 5, 4);
        INDArray logp = Softmax.logSoftmax(x, 1).data();
        double eps = 0.2;
        double total = 0;
        int counted = 0;
        for (int i = 0; i < 5; i++) {
            long t = TARGETS_WITH_IGNORED.getLong(i);
            if (t == -100) {
                continue;
            }
            counted++;
            total -= (1 - eps) * logp.getDouble(i, t) + eps / 4 * logp.getRow(i).sumNumber().doubleValue();
        }
        assertEquals(total / counted, new CrossEntropy(eps, -100, CrossEntropy.Reduction.MEAN)
                .loss(x, TARGETS_WITH_IGNORED).data().getDouble(0), 1e-12);
        INDArray none = new CrossEntropy(eps, -100, CrossEntropy.Reduction.NONE).loss(x, TARGETS_WITH_IGNORED).data();
        assertArrayEquals(new long[] {5}, none.shape());
        assertEquals(0.0, none.getDouble(1), 0);
        assertEquals(0.0, none.getDouble(3), 0);
    }

    @Test
    void targetShapeMismatch() {
        CrossEntropy ce = new CrossEntropy();
        assertShapeError("target is [4] but logits are [3,4]: target must be [3] (the logits' shape without the class "
                + "dimension 1)", () -> ce.loss(logits(409, 3, 4), Nd4j.createFromArray(new long[] {0, 1, 2, 3})));
        assertShapeError("target is [2,4] but logits are [2,5,3]: target must be [2,3] (the logits' shape without the "
                + "class dimension 1)", () -> ce.loss(logits(410, 2, 5, 3), Nd4j.zeros(DataType.LONG, 2, 4)));
        assertShapeError("class-probability target is [3,5] but logits are [3,4]: they must have the same shape",
                () -> ce.loss(logits(411, 3, 4), Nd4j.zeros(DataType.DOUBLE, 3, 5)));
    }

    @Test
    void classIndexOutOfRange() {
        CrossEntropy ce = new CrossEntropy();
        assertShapeError("target holds class 4 at flat position 1 but logits have 4 classes (ignore_index is -100)",
                () -> ce.loss(logits(412, 3, 4), Nd4j.createFromArray(new long[] {0, 4, 1})));
        assertShapeError("target holds class -1 at flat position 2 but logits have 4 classes (ignore_index is -100)",
                () -> ce.loss(logits(413, 3, 4), Nd4j.createFromArray(new int[] {0, 3, -1})));
    }

    @Test
    void integerLogitsAndBadLabelSmoothing() {
        assertShapeError("logits is INT [3,4] but must be floating point (FLOAT or DOUBLE)",
                () -> new CrossEntropy().loss(Tensor.constant(Nd4j.zeros(DataType.INT, 3, 4)), Nd4j.zeros(DataType.LONG, 3)));
        assertBadInput(() -> new CrossEntropy(1.5, -100, CrossEntropy.Reduction.MEAN), "label_smoothing", "1.5");
    }
}
