package newarch.grading.assignments;

import static newarch.grading.Probe.array;
import static newarch.grading.Probe.literal;
import static newarch.grading.Probe.tensor;
import static newarch.grading.assignments.SelfAttentionAssignment.probeId;
import static newarch.grading.assignments.SelfAttentionAssignment.shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import newarch.grading.Assignment;
import newarch.grading.GradedTest;
import newarch.grading.Probe;
import newarch.grading.assignments.Judges.Expectation;
import newarch.models.reformer.LshHashing;
import newarch.models.reformer.LshSelfAttention;
import newarch.models.reformer.ReformerConfig;
import newarch.models.reformer.ReversibleBlock;
import newarch.models.reformer.ReversibleStep;
import newarch.tensor.GradMode;
import newarch.tensor.Reshaping;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Assignment 08, the Reformer: angular LSH buckets from a rotation matrix, sorting positions by (bucket, position)
 * and undoing the sort, one round of LSH attention in sorted chunks that see the chunk before (shared query-key,
 * a position attends to itself only when nothing else is allowed, optionally causal), and recovering a reversible
 * stack's inputs from its outputs. Expected values come from the library ({@link LshHashing#bucketIds},
 * {@link LshSelfAttention#sortByBucketThenPosition}, {@link LshSelfAttention}, {@link ReversibleBlock#forward});
 * hidden tests change the shapes, the bucket counts, offset (multi-round) bucket ids, the causal option and the
 * depth of the stack, so that a hard-coded answer fails.
 */
public final class ReformerAssignment implements Assignment {
    @Override
    public String id() {
        return "08-reformer";
    }

    @Override
    public String title() {
        return "Reformer: hashing, sorting, chunks and reversible layers";
    }

    @Override
    public List<GradedTest> tests() {
        Inputs in = new Inputs(808);
        return List.of(
                buckets("8.1 LSH buckets: 6 vectors of size 4, 4 buckets", false, in, new int[][] {{6, 4, 4}}),
                buckets("8.1 LSH buckets: 2 buckets (one projection), 8 buckets, other widths", true, in,
                        new int[][] {{5, 3, 2}, {10, 5, 8}, {7, 2, 6}}),
                sorting("8.2 sort by bucket and undo: 8 positions, 3 buckets", false, in, new int[][] {{8, 3}}),
                sorting("8.2 sort by bucket and undo: many ties, one bucket, offset ids of several rounds", true, in,
                        new int[][] {{12, 2}, {5, 1}, {16, 8}, {9, 20}}),
                lsh("8.3 LSH attention: 8 positions, chunks of 4, 4 buckets", false, in,
                        List.of(new LshCase(8, 4, 4, 4, false))),
                lsh("8.3 LSH attention: causal (position 0 sees only itself), 4 chunks, other widths", true, in,
                        List.of(new LshCase(12, 4, 3, 4, true), new LshCase(16, 6, 4, 6, false),
                                new LshCase(6, 3, 2, 2, true))),
                reversible("8.4 reverse: one layer, [3, 4] streams", false, in,
                        List.of(new StackCase(new long[] {3, 4}, List.of(0)))),
                reversible("8.4 reverse: a stack of 3 layers, a batch [2, 3, 5]", true, in,
                        List.of(new StackCase(new long[] {2, 3, 5}, List.of(1, 2, 3)),
                                new StackCase(new long[] {4, 2}, List.of(3, 0)))));
    }

    /** One probe per {L, d, buckets}. */
    private static GradedTest buckets(String name, boolean hidden, Inputs in, int[][] sizes) {
        List<Expectation> cases = new ArrayList<>();
        for (int[] s : sizes) {
            INDArray x = in.normal(s[0], s[1]);
            INDArray rotation = in.normal(s[1], s[2] / 2);
            Probe p = Probe.call(probeId(name + Arrays.toString(s)), "lshBuckets", tensor(x), tensor(rotation));
            INDArray expected = new LshHashing(1, s[2]).bucketIds(x.reshape(1, 1, s[0], s[1]),
                    rotation.reshape(1, s[1], 1, s[2] / 2)).reshape(s[0]);
            cases.add(new Expectation(p, expected, "lshBuckets(x " + shape(x) + ", rotation " + shape(rotation) + ")"));
        }
        return new GradedTest(name, "8.1", 1, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: multiply x [L, d] by the rotation [d, b/2], put the negated product"
                        + " after it, [xR, −xR] [L, b] (projections first, negations second), and take the argmax"
                        + " over the last axis: one LONG bucket per row, shape [L]. Bucket i < b/2 means direction"
                        + " +R[:, i], bucket b/2 + i means −R[:, i]."));
    }

    /** One pair of probes (sort, undo) per {N, number of distinct bucket ids}. */
    private static GradedTest sorting(String name, boolean hidden, Inputs in, int[][] sizes) {
        List<Expectation> cases = new ArrayList<>();
        for (int[] s : sizes) {
            // bucket ids drawn from 0..s[1]−1; with many ids (offset rounds) the values are not small consecutive ints
            INDArray uniform = in.normal(s[0]);
            INDArray ids = Nd4j.createFromArray(Arrays.stream(uniform.toDoubleVector())
                    .mapToLong(u -> (long) Math.floor(s[1] * cdf(u))).map(v -> Math.min(v, s[1] - 1)).toArray());
            INDArray order = LshSelfAttention.sortByBucketThenPosition(ids.reshape(1, 1, s[0])).reshape(s[0]);
            INDArray undo = LshSelfAttention.sortByBucketThenPosition(order.reshape(1, 1, s[0])).reshape(s[0]);
            String list = Arrays.toString(ids.toLongVector()).replace(" ", "");
            Probe sort = Probe.call(probeId(name + "sort" + Arrays.toString(s)), "sortByBucket", array(ids));
            Probe inverse = Probe.call(probeId(name + "undo" + Arrays.toString(s)), "undoSort", array(order));
            cases.add(new Expectation(sort, order, "sortByBucket(" + list + ")"));
            cases.add(new Expectation(inverse, undo, "undoSort(" + Arrays.toString(order.toLongVector())
                    .replace(" ", "") + ")"));
        }
        return new GradedTest(name, "8.2", 1.25, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: sortByBucket returns positions, not bucket values: order[s] is the"
                        + " position at sorted slot s, by bucket and, within a bucket, by position (earlier first)."
                        + " undoSort inverts a permutation: undo[order[s]] = s — in general a permutation is not its"
                        + " own inverse. Both return LONG INDArrays of shape [N]."));
    }

    /** Standard normal cumulative distribution, to turn normal draws into uniform bucket ids. */
    private static double cdf(double u) {
        return 0.5 * (1 + erf(u / Math.sqrt(2)));
    }

    /** Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7), enough to spread draws over buckets. */
    private static double erf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x));
        double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                * t * Math.exp(-x * x);
        return Math.signum(x) * y;
    }

    /** One round of LSH attention over L positions of width d, chunks of C, b buckets. */
    private record LshCase(int len, int width, int chunk, int numBuckets, boolean causal) {
        String describe(INDArray qk) {
            return "lshAttention(qk " + shape(qk) + ", chunkLength " + chunk + ", " + numBuckets + " buckets, causal "
                    + causal + ")";
        }
    }

    private static GradedTest lsh(String name, boolean hidden, Inputs in, List<LshCase> lshCases) {
        List<Expectation> cases = new ArrayList<>();
        for (LshCase c : lshCases) {
            int d = c.width();
            ReformerConfig config = new ReformerConfig(10, d, 1, d, List.of("lsh"), 2 * d, "relu", 1e-12, 64, false,
                    new int[] {8, 8}, new int[] {d / 2, d - d / 2}, 0, c.causal(), 1, c.numBuckets(), c.chunk(), 1, 0,
                    c.chunk(), 1, 0, 0);
            LshSelfAttention attention = new LshSelfAttention(config, new Rng(Arrays.hashCode(
                    new int[] {c.len(), d, c.chunk(), c.numBuckets(), c.causal() ? 1 : 0})));
            // query_key = identity: the probe's qk is the layer's input itself
            attention.namedParameters().get("query_key.weight").data().assign(Nd4j.eye(d));
            INDArray qk = in.scaled(2, c.len(), d);
            INDArray rotations = in.normal(1, d, 1, c.numBuckets() / 2);
            INDArray buckets = new LshHashing(1, c.numBuckets()).bucketIds(qk.reshape(1, 1, c.len(), d), rotations)
                    .reshape(c.len());
            INDArray v;
            INDArray expected;
            try (GradMode ignored = GradMode.off()) {
                v = attention.value().forward(Tensor.constant(qk)).data();
                expected = attention.forward(Tensor.constant(qk.reshape(1, c.len(), d)), null, rotations).data()
                        .reshape(c.len(), d);
            }
            Probe p = Probe.call(probeId(name + c), "lshAttention", tensor(qk), tensor(v), array(buckets),
                    literal(c.chunk()), literal(c.causal()));
            cases.add(new Expectation(p, expected, c.describe(qk)));
        }
        return new GradedTest(name, "8.3", 1.5, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: sort qk and v with order = sortByBucket(buckets); keys are the sorted"
                        + " qk rows scaled to unit length, q/√(mean(q²) + 1e-6)/√d, queries are not scaled; reshape to"
                        + " [L/C, C, d] and give chunk j the keys and values of chunk j − 1 (chunk 0: the last chunk) and"
                        + " of itself, [L/C, 2C, d]. In the scores [L/C, C, 2C] replace (do not add to) the score of a"
                        + " query with its own original position by −1e5 and, when causal, every key at a later"
                        + " original position by −1e9; softmax, times the values, reshape to [L, d] and gather the rows"
                        + " with undoSort(order). Masking the query's own position with −1e9 (or −∞) fails when"
                        + " nothing else is allowed (position 0 in a causal layer must attend to itself)."));
    }

    /** Elementwise F and G the probe can write as Java source; each layer index picks a different pair. */
    private static final List<String[]> FUNCTIONS = List.of(
            new String[] {"t -> t.mul(1.5).tanh()", "t -> t.sigmoid().add(-0.5)"},
            new String[] {"t -> t.mul(t).mul(0.2)", "t -> t.softmax(-1).mul(2)"},
            new String[] {"t -> t.mul(-0.8).sigmoid()", "t -> t.mul(0.7).tanh().mul(t)"},
            new String[] {"t -> t.softmax(-1).mul(-1.5)", "t -> t.mul(0.5).add(0.3).tanh()"});

    private static UnaryOperator<Tensor> function(String source) {
        return switch (source) {
            case "t -> t.mul(1.5).tanh()" -> t -> t.mul(1.5).tanh();
            case "t -> t.sigmoid().add(-0.5)" -> t -> t.sigmoid().add(-0.5);
            case "t -> t.mul(t).mul(0.2)" -> t -> t.mul(t).mul(0.2);
            case "t -> t.softmax(-1).mul(2)" -> t -> t.softmax(-1).mul(2);
            case "t -> t.mul(-0.8).sigmoid()" -> t -> t.mul(-0.8).sigmoid();
            case "t -> t.mul(0.7).tanh().mul(t)" -> t -> t.mul(0.7).tanh().mul(t);
            case "t -> t.softmax(-1).mul(-1.5)" -> t -> t.softmax(-1).mul(-1.5);
            case "t -> t.mul(0.5).add(0.3).tanh()" -> t -> t.mul(0.5).add(0.3).tanh();
            default -> throw new IllegalArgumentException("no function " + source);
        };
    }

    /** A stack of layers (indices into {@link #FUNCTIONS}, bottom first) on streams of one shape. */
    private record StackCase(long[] shape, List<Integer> layers) {
        String source() {
            StringBuilder s = new StringBuilder("java.util.List.of(");
            for (int i = 0; i < layers.size(); i++) {
                String[] fg = FUNCTIONS.get(layers.get(i));
                s.append(i == 0 ? "" : ", ").append("new newarch.models.reformer.ReversibleStep(").append(fg[0])
                        .append(", ").append(fg[1]).append(')');
            }
            return s.append(')').toString();
        }

        List<ReversibleStep> steps() {
            return layers.stream().map(i -> new ReversibleStep(function(FUNCTIONS.get(i)[0]),
                    function(FUNCTIONS.get(i)[1]))).toList();
        }

        String describe() {
            StringBuilder s = new StringBuilder("reverse(");
            for (int i = 0; i < layers.size(); i++) {
                String[] fg = FUNCTIONS.get(layers.get(i));
                s.append(i == 0 ? "[" : ", ").append("F = ").append(fg[0]).append(", G = ").append(fg[1]);
            }
            long[] doubled = shape.clone();
            doubled[doubled.length - 1] *= 2;
            return s.append("], y ").append(Arrays.toString(doubled).replace(" ", "")).append(')').toString();
        }
    }

    private static GradedTest reversible(String name, boolean hidden, Inputs in, List<StackCase> stacks) {
        List<Expectation> cases = new ArrayList<>();
        for (StackCase c : stacks) {
            Tensor x1 = Tensor.constant(in.normal(c.shape()));
            Tensor x2 = Tensor.constant(in.normal(c.shape()));
            INDArray y;
            try (GradMode ignored = GradMode.off()) {
                y = ReversibleBlock.forward(c.steps(), x1, x2, List.of()).data();
            }
            int axis = c.shape().length - 1;
            INDArray expected = Reshaping.concat(axis, x1, x2).data();
            Probe p = Probe.call(probeId(name + c.describe()), "reverse", literal(c.source()), tensor(y));
            cases.add(new Expectation(p, expected, c.describe()));
        }
        return new GradedTest(name, "8.4", 1.25, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: split y on the last axis into y₁ (first half) and y₂ (second half)."
                        + " Undo a layer in the opposite order of its forward pass: first x₂ = y₂ − G(y₁), then"
                        + " x₁ = y₁ − F(x₂) — F takes the x₂ you just recovered, not y₂. In a stack, undo the top"
                        + " (last) layer first, and return [x₁, x₂] concatenated on the last axis."));
    }
}
