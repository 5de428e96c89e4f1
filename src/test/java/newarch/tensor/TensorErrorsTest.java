package newarch.tensor;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static newarch.tensor.ErrorAssert.assertShapeError;
import static newarch.tensor.GradAssert.normal;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class TensorErrorsTest {
    private final Rng rng = new Rng(110);

    @Test
    void broadcastingMismatch() {
        assertShapeError("add: a is [2,3] but b is [4]: sizes must match or be 1 in each dimension, counted from the right",
                () -> normal(rng, 2, 3).add(normal(rng, 4)));
        assertShapeError("mul: x is [2,3,4] but b is [2,4]: sizes must match or be 1 in each dimension, counted from the right",
                () -> normal(rng, 2, 3, 4).named("x").mul(normal(rng, 2, 4)));
        assertBadInput(() -> normal(rng, 3, 2).sub(normal(rng, 3, 3)), "sub", "[3,2]", "[3,3]");
        assertBadInput(() -> normal(rng, 5).div(normal(rng, 4)), "div", "[5]", "[4]");
    }

    @Test
    void mixedDtypes() {
        Tensor f = Tensor.constant(Nd4j.ones(DataType.FLOAT, 2));
        assertBadInput(() -> normal(rng, 2).add(f), "a", "DOUBLE", "b", "FLOAT");
    }

    @Test
    void matmulInnerMismatch() {
        assertShapeError("matmul: a is [2,3] but b is [4,5]: inner dimensions 3 and 4 must match",
                () -> normal(rng, 2, 3).matmul(normal(rng, 4, 5)));
        assertShapeError("matmul: a is [3,2] (transposed) but b is [4,5]: inner dimensions 3 and 4 must match",
                () -> MatMul.matmul(normal(rng, 3, 2), normal(rng, 4, 5), true, false));
        assertBadInput(() -> MatMul.matmul(normal(rng, 2, 3, 4), normal(rng, 5, 3), false, true), "[2,3,4]", "[5,3]");
    }

    @Test
    void matmulBatchMismatchAndRank() {
        assertShapeError("matmul: a is [2,3,4] but b is [3,4,5]: batch dimensions (all but the last two) must be equal",
                () -> normal(rng, 2, 3, 4).matmul(normal(rng, 3, 4, 5)));
        assertShapeError("matmul: a is [3] but must have at least 2 dimensions",
                () -> normal(rng, 3).matmul(normal(rng, 3, 2)));
    }

    @Test
    void reshapeToAnImpossibleShape() {
        assertShapeError("reshape: input is [2,3] (6 elements) and cannot become [4, 2]",
                () -> normal(rng, 2, 3).reshape(4, 2));
        assertShapeError("reshape: input is [2,3] (6 elements) and cannot become [4, -1]",
                () -> normal(rng, 2, 3).reshape(4, -1));
        assertBadInput(() -> normal(rng, 2, 3).reshape(-1, -1), "reshape", "-1");
    }

    @Test
    void permuteWithARepeatedAxisNamesTheInputShape() {
        assertBadInput(() -> normal(rng, 2, 3, 4).permute(1, 1, 0), "appears twice", "[2,3,4]");
    }

    @Test
    void permuteWithARepeatedAxis() {
        assertShapeError("permute: input is [2,3,4] but axis 1 appears twice in [1, 1, 0]", () -> normal(rng, 2, 3, 4).permute(1, 1, 0));
        assertShapeError("permute: input is [2,3,4] but axis -2 appears twice in [0, 1, -2]", () -> normal(rng, 2, 3, 4).permute(0, 1, -2));
    }

    @Test
    void permuteWithTheWrongNumberOfAxesOrAnAxisOutOfRange() {
        assertShapeError("permute: input is [2,3,4] but [1, 0] names 2 axes", () -> normal(rng, 2, 3, 4).permute(1, 0));
        assertBadInput(() -> normal(rng, 2, 3, 4).permute(0, 1, 3), "permute", "axis 3", "rank 3");
        assertBadInput(() -> normal(rng, 2, 3).transpose(0, 2), "transpose", "axis 2", "rank 2");
    }

    @Test
    void sliceOutOfRange() {
        assertShapeError("slice: input is [2,3] and has no range [0, 5) along axis 1",
                () -> normal(rng, 2, 3).slice(1, 0, 5));
        assertShapeError("slice: input is [2,3] and has no range [2, 1) along axis 0",
                () -> normal(rng, 2, 3).slice(0, 2, 1));
        assertBadInput(() -> normal(rng, 2, 3).slice(0, -1, 1), "slice", "[2,3]");
        assertBadInput(() -> normal(rng, 2, 3).slice(2, 0, 1), "slice", "axis 2");
    }

    @Test
    void concatMismatch() {
        assertShapeError("concat along axis 0: part 0 is [2,3] but part 1 is [2,4]: all other dimensions must match",
                () -> Reshaping.concat(0, normal(rng, 2, 3), normal(rng, 2, 4)));
        assertShapeError("concat along axis 1: part 0 is [2,3] but part 2 is [2,3,1]: all other dimensions must match",
                () -> Reshaping.concat(1, normal(rng, 2, 3), normal(rng, 2, 1), normal(rng, 2, 3, 1)));
        assertShapeError("concat: no tensors given", () -> Reshaping.concat(0));
    }

    @Test
    void splitSizesThatDoNotAddUp() {
        assertShapeError("split: input is [2,5] but the sizes [2, 2] add up to 4, not 5",
                () -> Reshaping.split(normal(rng, 2, 5), 1, 2, 2));
    }

    @Test
    void expandToAnIncompatibleShape() {
        assertBadInput(() -> Reshaping.expand(normal(rng, 2, 3), 4, 3), "expand", "[2,3]", "[4,3]");
        assertShapeError("expand: input is [2,3] and cannot be expanded to [3]", () -> Reshaping.expand(normal(rng, 2, 3), 3));
    }

    @Test
    void unsqueezeOutOfRange() {
        assertBadInput(() -> Reshaping.unsqueeze(normal(rng, 2, 3), 4), "unsqueeze", "axis");
    }

    @Test
    void reductionsWithoutOrWithBadAxes() {
        assertShapeError("sum: give at least one axis (use sumAll for all elements)", () -> normal(rng, 2, 3).sum());
        assertShapeError("mean: axis 2 is out of range for rank 2", () -> normal(rng, 2, 3).mean(2));
        assertShapeError("max: axis -3 is out of range for rank 2", () -> Reductions.max(normal(rng, 2, 3), -3));
        assertShapeError("softmax: axis 3 is out of range for rank 3", () -> normal(rng, 2, 3, 4).softmax(3));
    }

    @Test
    void softmaxOfAnIntArray() {
        Tensor ints = Tensor.constant(Nd4j.createFromArray(new int[][] {{1, 2}, {3, 4}}));
        assertBadInput(() -> Softmax.softmax(ints, -1), "INT", "[2,2]");
        assertBadInput(() -> Softmax.logSoftmax(ints, -1), "INT", "[2,2]");
    }

    @Test
    void softmaxOfAnIntArrayIsRejected() {
        Tensor ints = Tensor.constant(Nd4j.createFromArray(new int[][] {{1, 2}, {3, 4}}));
        assertThrows(IllegalArgumentException.class, () -> Softmax.softmax(ints, -1));
    }

    @Test
    void embeddingIdOutOfRange() {
        Tensor table = normal(rng, 5, 3);
        assertShapeError("ids [2,2] holds values from 0 to 7 but there are only 5 rows in the embedding table [5,3]",
                () -> Indexing.embeddingLookup(table, Nd4j.createFromArray(new long[][] {{0, 1}, {7, 2}})));
        assertShapeError("ids [2] holds values from -1 to 1 but there are only 5 rows in the embedding table [5,3]",
                () -> Indexing.embeddingLookup(table, Nd4j.createFromArray(new int[] {1, -1})));
        assertShapeError("ids is FLOAT [2] but must hold integers",
                () -> Indexing.embeddingLookup(table, Nd4j.createFromArray(new float[] {1, 2})));
        assertShapeError("embedding table is [5] but must have rank 2",
                () -> Indexing.embeddingLookup(normal(rng, 5), Nd4j.createFromArray(new long[] {1})));
    }

    @Test
    void indexSelectBadIndex() {
        Tensor x = normal(rng, 3, 4);
        assertShapeError("indexSelect: index is [1,2] but must be 1-d",
                () -> Indexing.indexSelect(x, 1, Nd4j.createFromArray(new long[][] {{0, 1}})));
        assertShapeError("index [2] holds values from 0 to 4 but there are only 4 entries along axis 1 of [3,4]",
                () -> Indexing.indexSelect(x, 1, Nd4j.createFromArray(new long[] {0, 4})));
    }

    @Test
    void backwardOnANonScalarWithoutGradient() {
        Tensor y = normal(rng, 2, 3).mul(2.0);
        assertBadInput(y::backward, "backward()", "[2,3]", "single-element");
        assertBadInput(() -> y.backward(Nd4j.ones(DataType.DOUBLE, 3, 2)), "backward()", "[3,2]", "[2,3]");
    }

    @Test
    void backwardOnAConstantIsAnIllegalState() {
        assertThrows(IllegalStateException.class,
                () -> Tensor.constant(Nd4j.scalar(1.0)).exp().backward());
    }

    @Test
    void setDataWithAnotherShape() {
        assertBadInput(() -> normal(rng, 2, 3).named("w").setData(Nd4j.zeros(DataType.DOUBLE, 3, 2)), "w", "[2,3]", "[3,2]");
    }

    @Test
    void gradCheckRejectsFloatAndConstantInputs() {
        Tensor f = Tensor.parameter(Nd4j.ones(DataType.FLOAT, 2));
        Tensor c = Tensor.constant(Nd4j.ones(DataType.DOUBLE, 2));
        assertBadInput(() -> GradCheck.check(in -> in.get(0).exp(), List.of(f), 1), "DOUBLE", "FLOAT");
        assertBadInput(() -> GradCheck.check(in -> in.get(0).exp(), List.of(c), 1), "DOUBLE", "constant");
    }
}
