package newarch.grading.assignments;

import static newarch.grading.Probe.literal;
import static newarch.grading.Probe.tensor;
import static newarch.grading.assignments.SelfAttentionAssignment.probeId;
import static newarch.grading.assignments.SelfAttentionAssignment.shape;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import newarch.attention.PositionalEncoding;
import newarch.attention.ScaledDotProductAttention;
import newarch.grading.Assignment;
import newarch.grading.GradedTest;
import newarch.grading.Probe;
import newarch.grading.assignments.Judges.Expectation;
import newarch.tensor.MatMul;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Assignment 02, multi-head attention and positional encoding. */
public final class MultiHeadAssignment implements Assignment {
    @Override
    public String id() {
        return "02-multi-head-attention";
    }

    @Override
    public String title() {
        return "Multi-head attention and positional encoding";
    }

    @Override
    public List<GradedTest> tests() {
        Inputs in = new Inputs(202);
        return List.of(
                split("2.1 split heads: [2,3,8] into 2 heads", false, in, new long[] {2, 3, 8}, 2),
                split("2.1 split heads: one head and one dimension per head", true, in, new long[] {1, 4, 6}, 1, 6),
                merge("2.2 merge heads: [2,2,3,4]", false, in, 2, 2, 3, 4),
                merge("2.2 merge heads: [1,5,2,3]", true, in, 1, 5, 2, 3),
                multiHead("2.3 multi-head self-attention: 2 heads", false, in, 2, 3, 8, 2),
                multiHead("2.3 multi-head self-attention: 4 heads, batch of 3", true, in, 3, 5, 8, 4),
                sinusoidal("2.4 sinusoidal encoding: 10 positions, d = 8", false, new int[][] {{10, 8}}),
                sinusoidal("2.4 sinusoidal encoding: odd width and long sequences", true, new int[][] {{7, 5}, {64, 16}}),
                shift("2.5 relative offset: k = 1, d = 8", false, new int[][] {{1, 8}}),
                shift("2.5 relative offset: k = 5, d = 16 and k = 0", true, new int[][] {{5, 16}, {0, 4}}));
    }

    private static GradedTest split(String name, boolean hidden, Inputs in, long[] shape, int... headCounts) {
        INDArray x = in.normal(shape);
        List<Expectation> cases = new ArrayList<>();
        for (int h : headCounts) {
            Probe p = Probe.call(probeId(name) + "_" + h, "splitHeads", tensor(x), literal(h));
            INDArray expected = Tensor.constant(x).reshape(shape[0], shape[1], h, shape[2] / h).permute(0, 2, 1, 3).data();
            cases.add(new Expectation(p, expected, "splitHeads(x " + shape(x) + ", " + h + ")"));
        }
        return new GradedTest(name, "2.1", 0.75, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: reshape [B, L, d] to [B, L, h, d/h], then swap the L and h axes."));
    }

    private static GradedTest merge(String name, boolean hidden, Inputs in, long b, long h, long l, long dh) {
        INDArray x = in.normal(b, h, l, dh);
        Probe p = Probe.call(probeId(name), "mergeHeads", tensor(x));
        INDArray expected = Tensor.constant(x).permute(0, 2, 1, 3).reshape(b, l, h * dh).data();
        return Judges.single(name, "2.2", 0.75, hidden, p, expected, "mergeHeads(x " + shape(x) + ")",
                "Hint: undo splitHeads: swap the h and L axes back, then reshape to [B, L, h·d_head].");
    }

    private static GradedTest multiHead(String name, boolean hidden, Inputs in, long b, long l, long d, int h) {
        INDArray x = in.normal(b, l, d);
        INDArray[] w = {in.scaled(0.5, d, d), in.scaled(0.5, d, d), in.scaled(0.5, d, d), in.scaled(0.5, d, d)};
        Probe p = Probe.call(probeId(name), "multiHeadSelfAttention", tensor(x), tensor(w[0]), tensor(w[1]),
                tensor(w[2]), tensor(w[3]), literal(h));
        Tensor xt = Tensor.constant(x);
        Tensor[] qkv = new Tensor[3];
        for (int i = 0; i < 3; i++) {
            qkv[i] = MatMul.matmul(xt, Tensor.constant(w[i])).reshape(b, l, h, d / h).permute(0, 2, 1, 3);
        }
        Tensor heads = ScaledDotProductAttention.attend(qkv[0], qkv[1], qkv[2], null).output();
        INDArray expected = MatMul.matmul(heads.permute(0, 2, 1, 3).reshape(b, l, d), Tensor.constant(w[3])).data();
        return Judges.single(name, "2.3", 1.5, hidden, p, expected,
                "multi-head self-attention of x " + shape(x) + " with " + h + " heads",
                "Hint: project with Wq, Wk, Wv, split into heads, attend in every head with scale 1/√(d/h), merge the"
                        + " heads and project with Wo.");
    }

    private static GradedTest sinusoidal(String name, boolean hidden, int[][] sizes) {
        return intPairCases(name, "2.4", hidden, "sinusoidalEncoding", sizes,
                (len, d) -> PositionalEncoding.sinusoidal(len, d, 10000, DataType.FLOAT),
                "Hint: column 2i holds sin(pos / 10000^(2i/d)) and column 2i+1 holds cos of the"
                        + " same angle; with an odd d the last column is a sin column.");
    }

    private static GradedTest shift(String name, boolean hidden, int[][] cases) {
        return intPairCases(name, "2.5", hidden, "relativeShift", cases,
                (k, d) -> PositionalEncoding.relativeShift(k, d, 10000, DataType.FLOAT),
                "Hint: for each pair of columns (2i, 2i+1) use the angle-addition formulas;"
                        + " the matrix is block-diagonal with 2×2 rotations by k·ω_i.");
    }

    /** One probe {@code function(a, b)} per pair of integers, each judged against the library's value. */
    private static GradedTest intPairCases(String name, String exercise, boolean hidden, String function, int[][] pairs,
                                           BiFunction<Integer, Integer, INDArray> library, String hint) {
        List<Expectation> cases = new ArrayList<>();
        for (int[] c : pairs) {
            Probe p = Probe.call(probeId(name) + "_" + c[0] + "_" + c[1], function, literal(c[0]), literal(c[1]));
            cases.add(new Expectation(p, library.apply(c[0], c[1]), function + "(" + c[0] + ", " + c[1] + ")"));
        }
        return new GradedTest(name, exercise, 1, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, hint));
    }
}
