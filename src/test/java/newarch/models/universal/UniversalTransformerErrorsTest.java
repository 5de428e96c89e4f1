package newarch.models.universal;

import newarch.models.EncoderMemory;
import static newarch.tensor.ErrorAssert.assertBadInput;
import static newarch.tensor.ErrorAssert.assertShapeError;

import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class UniversalTransformerErrorsTest {
    private final UniversalTransformer model = new UniversalTransformer(UniversalTransformerGradTest.tinyConfig(true),
            new Rng(800));
    private static final INDArray SOURCE = Nd4j.createFromArray(new long[][] {{4, 5, 0}, {6, 3, 2}});
    private static final INDArray TARGET = Nd4j.createFromArray(new long[][] {{1, 4}, {1, 5}});

    @Test
    void sourceThatIsNotTokenIds() {
        assertShapeError("source is FLOAT [1,2] but must hold integer token ids (int64)",
                () -> model.encode(Nd4j.createFromArray(new float[][] {{4, 5}})));
        assertShapeError("source is [3] but must be [batch, len] with at least one token",
                () -> model.encode(Nd4j.createFromArray(4L, 5L, 6L)));
        assertShapeError("source is [1,0] but must be [batch, len] with at least one token",
                () -> model.encode(Nd4j.zeros(DataType.LONG, 1, 0)));
        assertBadInput(() -> model.encode(null), "source is null");
    }

    @Test
    void idsOutsideTheVocabularies() {
        assertShapeError("source [1,2] holds ids from 4 to 7 but the source vocabulary has 7 tokens",
                () -> model.encode(Nd4j.createFromArray(new long[][] {{4, 7}})));
        assertShapeError("source [1,2] holds ids from -1 to 4 but the source vocabulary has 7 tokens",
                () -> model.encode(Nd4j.createFromArray(new long[][] {{4, -1}})));
        assertShapeError("target prefix [2,2] holds ids from 1 to 6 but the target vocabulary has 6 tokens",
                () -> model.forward(SOURCE, Nd4j.createFromArray(new long[][] {{1, 6}, {1, 2}})));
    }

    @Test
    void sequenceLongerThanThePositionTable() {
        assertShapeError("source is [1,9] but the position table holds only 8 positions (maxLength)",
                () -> model.encode(Nd4j.ones(DataType.LONG, 1, 9)));
        assertShapeError("target prefix is [2,9] but the position table holds only 8 positions (maxLength)",
                () -> model.forward(SOURCE, Nd4j.ones(DataType.LONG, 2, 9)));
    }

    @Test
    void targetBatchOtherThanTheEncodedBatch() {
        EncoderMemory memory = model.encode(SOURCE);
        assertShapeError("target prefix is [3,2] but the encoded source has 2 rows [2,3,4]: batch sizes must match",
                () -> model.decode(memory, Nd4j.ones(DataType.LONG, 3, 2)));
    }

    @Test
    void memoryFromSomewhereElse() {
        assertBadInput(() -> model.decode(times -> null, TARGET), "memory is a", "must come from UniversalTransformer.encode");
        assertBadInput(() -> model.decode(null, TARGET), "memory is a null");
        assertBadInput(() -> model.encode(SOURCE).repeatRows(0), "repeatRows", "times is 0");
    }

    @Test
    void badConfigurations() {
        assertBadInput(() -> new UniversalTransformerConfig(7, 6, 10, 4, 8, 0, "relu", true, 1e-5, 8, true, 3, 0.1, 0.5),
                "d_model 10", "nhead 4");
        assertBadInput(() -> new UniversalTransformerConfig(0, 6, 4, 2, 8, 0, "relu", true, 1e-5, 8, true, 3, 0.1, 0.5),
                "vocabulary sizes", "source 0");
        assertBadInput(() -> new UniversalTransformerConfig(7, 6, 4, 2, 8, 0, "relu", true, 1e-5, 8, true, 0, 0.1, 0.5),
                "maxSteps is 0");
        assertBadInput(() -> new UniversalTransformerConfig(7, 6, 4, 2, 8, 0, "relu", true, 1e-5, 8, true, 3, 1.0, 0.5),
                "haltingEpsilon is 1.0", "1 − ε");
        assertBadInput(() -> new UniversalTransformerConfig(7, 6, 4, 2, 8, 0, "relu", true, 1e-5, 8, true, 3, 0.1, -1),
                "ponderWeight τ is -1.0");
        assertBadInput(() -> new UniversalTransformerConfig(7, 6, 4, 2, 8, 0, "relu", true, 1e-5, 0, true, 3, 0.1, 0.5),
                "maxLength is 0");
        assertBadInput(() -> new UniversalTransformer(
                new UniversalTransformerConfig(7, 6, 4, 2, 8, 0, "swish", true, 1e-5, 8, true, 3, 0.1, 0.5), new Rng(1)),
                "swish");
        assertBadInput(() -> UniversalTransformerConfig.named("ut-huge", 5, 5), "ut-huge", "ut-tiny");
    }

    @Test
    void recurrenceInputsThatDoNotFit() {
        CoordinateEmbedding coordinates = new CoordinateEmbedding(8, 3, 4);
        FixedDepth fixed = new FixedDepth(3, coordinates);
        Tensor state = Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 2, 3, 4));
        assertShapeError("active is [2,4] but the state is [2,3,4]: the mask must be [batch, len] = [2,3]",
                () -> fixed.forward(state, Nd4j.ones(DataType.DOUBLE, 2, 4), h -> h));
        assertShapeError("state is [2,3] but must have rank 3",
                () -> fixed.forward(Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 2, 3)), Nd4j.ones(2, 3), h -> h));
        assertShapeError("state is [2,3,5] but its dimension 2 must be 4 (d_model)",
                () -> coordinates.addTo(Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 2, 3, 5)), 1));
        assertShapeError("a sequence of 9 positions does not fit the position table of 8 (maxLength)",
                () -> coordinates.signal(1, 9, DataType.DOUBLE));
        assertBadInput(() -> coordinates.signal(4, 2, DataType.DOUBLE), "step is 4", "steps 1..3");
        assertBadInput(() -> new FixedDepth(4, coordinates), "steps is 4", "1..3");
        assertBadInput(() -> new AdaptiveComputationTime(4, 3, 0, coordinates, new Rng(1)), "epsilon is 0.0");
    }
}
