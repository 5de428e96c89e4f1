package newarch.nn;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static newarch.tensor.ErrorAssert.assertShapeError;
import static newarch.tensor.GradAssert.normal;

import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class NnErrorsTest {
    private final Rng rng = new Rng(180);

    @Test
    void linearWrongLastDimension() {
        Linear lin = new Linear(4, 3, true, rng);
        lin.to(DataType.DOUBLE);
        assertShapeError("Linear(4→3): input is [2,5] but its last dimension must be 4", () -> lin.forward(normal(rng, 2, 5)));
        assertShapeError("Linear(4→3): input is [2,3,3] but its last dimension must be 4",
                () -> lin.forward(normal(rng, 2, 3, 3)));
    }

    @Test
    void linearWrongDtype() {
        Linear lin = new Linear(4, 3, true, rng); // FLOAT
        assertBadInput(() -> lin.forward(normal(rng, 2, 4)), "DOUBLE", "FLOAT");
    }

    @Test
    void layerNormWrongTrailingShape() {
        LayerNorm ln = new LayerNorm(4, 1e-5);
        assertShapeError("LayerNorm[4]: input is [2,5] but its last dimensions must be [4]", () -> ln.forward(normal(rng, 2, 5)));
        LayerNorm ln2 = new LayerNorm(new long[] {3, 4}, 1e-5, true, true);
        assertShapeError("LayerNorm[3,4]: input is [2,4,3] but its last dimensions must be [3,4]",
                () -> ln2.forward(normal(rng, 2, 4, 3)));
        assertShapeError("LayerNorm[3,4]: input is [4] but its last dimensions must be [3,4]",
                () -> ln2.forward(normal(rng, 4)));
    }

    @Test
    void batchNormWrongChannels() {
        BatchNorm1d bn = new BatchNorm1d(3, 1e-5, 0.1, true);
        bn.to(DataType.DOUBLE);
        assertShapeError("BatchNorm1d(3): input is [4,5] but must be [N, 3] or [N, 3, L]", () -> bn.forward(normal(rng, 4, 5)));
        assertShapeError("BatchNorm1d(3): input is [4,2,3] but must be [N, 3] or [N, 3, L]",
                () -> bn.forward(normal(rng, 4, 2, 3)));
        assertShapeError("BatchNorm1d(3): input is [2,3,4,5] but must be [N, 3] or [N, 3, L]",
                () -> bn.forward(normal(rng, 2, 3, 4, 5)));
    }

    @Test
    void batchNormTrainingNeedsMoreThanOneValuePerChannel() {
        BatchNorm1d bn = new BatchNorm1d(3, 1e-5, 0.1, true);
        bn.to(DataType.DOUBLE);
        assertShapeError("BatchNorm1d in training needs more than one value per channel, but input is [1,3]",
                () -> bn.forward(normal(rng, 1, 3)));
    }

    @Test
    void embeddingIdOutOfRange() {
        Embedding emb = new Embedding(5, 3, rng);
        assertShapeError("ids [3] holds values from 0 to 5 but there are only 5 rows in the embedding table [5,3]",
                () -> emb.forward(Nd4j.createFromArray(new long[] {0, 5, 2})));
        assertShapeError("ids is DOUBLE [1] but must hold integers", () -> emb.forward(Nd4j.createFromArray(new double[] {1})));
    }

    @Test
    void feedForwardWrongWidthAndUnknownActivation() {
        FeedForward ff = new FeedForward(4, 6, "relu", 0.0, true, rng);
        ff.to(DataType.DOUBLE);
        assertBadInput(() -> ff.forward(normal(rng, 2, 3, 5)), "[2,3,5]", "4");
        assertBadInput(() -> new FeedForward(4, 6, "swish", 0.0, true, rng), "swish");
    }

    @Test
    void dropoutProbabilityOutOfRange() {
        assertBadInput(() -> new Dropout(1.0, rng), "1.0", "[0, 1)");
        assertBadInput(() -> new Dropout(-0.1, rng), "-0.1");
    }

    @Test
    void dropoutIsTheIdentityInEval() {
        Dropout d = new Dropout(0.5, rng);
        d.eval();
        Tensor x = normal(rng, 3, 4);
        org.junit.jupiter.api.Assertions.assertSame(x, d.forward(x));
    }
}
