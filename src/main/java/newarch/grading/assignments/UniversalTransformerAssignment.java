package newarch.grading.assignments;

import static newarch.grading.Probe.literal;
import static newarch.grading.Probe.tensor;
import static newarch.grading.assignments.SelfAttentionAssignment.probeId;
import static newarch.grading.assignments.SelfAttentionAssignment.shape;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import newarch.grading.Assignment;
import newarch.grading.GradedTest;
import newarch.grading.NumericCheck;
import newarch.grading.Probe;
import newarch.grading.ProbeResults;
import newarch.grading.Verdict;
import newarch.grading.assignments.Judges.Expectation;
import newarch.models.transformer.TransformerConfig;
import newarch.models.transformer.TransformerEncoderLayer;
import newarch.models.universal.AdaptiveComputationTime;
import newarch.models.universal.AdaptiveComputationTime.HaltingStep;
import newarch.models.universal.CoordinateEmbedding;
import newarch.models.universal.FixedDepth;
import newarch.models.universal.Pondered;
import newarch.nn.Linear;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Assignment 06, the Universal Transformer: the coordinate embedding, one ACT halting step, the ponder cost, the
 * fixed-depth recurrence and the ACT recurrence, each compared with {@code newarch.models.universal} on seeded inputs.
 *
 * <p>Points are split so that partial credit per probe is a whole number of hundredths (the reports round to
 * two decimals): 6.1 0.5 + 1, 6.2 1.8 + 1.2 (0.45 and 0.15 per field of a returned step), 6.3 0.5 + 1, 6.4 and
 * 6.5 1 + 1.
 *
 * <p>Transitions and halting units are passed to the student's functions as Java source ({@link #TANH},
 * {@link #SHARED_LAYER}, {@link #haltingUnitSource}) that builds the same module from the same seed in the student JVM
 * as here, so no weights need to travel.
 */
public final class UniversalTransformerAssignment implements Assignment {
    private static final int LAYER_WIDTH = 8;
    private static final long LAYER_SEED = 6061;
    /** A transition a student can follow by hand. */
    private static final String TANH = "(java.util.function.UnaryOperator<newarch.tensor.Tensor>) h -> h.tanh()";
    /** A real shared Transformer encoder layer (pre-norm, no dropout), rebuilt from its seed at every call. */
    private static final String SHARED_LAYER = "(java.util.function.UnaryOperator<newarch.tensor.Tensor>) h -> "
            + "new newarch.models.transformer.TransformerEncoderLayer(new newarch.models.transformer.TransformerConfig("
            + LAYER_WIDTH + ", 2, 16, 0.0, \"relu\", 1e-5, true, true, 1, 1), new newarch.tensor.Rng(" + LAYER_SEED
            + "L)).forward(h, null, null)";

    @Override
    public String id() {
        return "06-universal-transformer";
    }

    @Override
    public String title() {
        return "The Universal Transformer";
    }

    @Override
    public List<GradedTest> tests() {
        Inputs in = new Inputs(606);
        return List.of(
                coordinates("6.1 coordinate embedding: 5 positions, step 1, d = 8", false, new int[][] {{5, 1, 8}}),
                coordinates("6.1 coordinate embedding: later steps and an odd width", true,
                        new int[][] {{7, 4, 6}, {3, 12, 5}}),
                haltingByHand("6.2 halting step: go on, cross the threshold, halt at once, halted before", false),
                haltingHidden("6.2 halting step: the last allowed step and a sum exactly at the threshold", true, in),
                ponderCost("6.3 ponder cost: one padded position", false,
                        new float[][] {{3, 2, 0}, {1, 4, 2}}, new float[][] {{0.2f, 0.5f, 0}, {1, 0.05f, 0.3f}},
                        new float[][] {{1, 1, 0}, {1, 1, 1}}, 0.01),
                ponderHidden("6.3 ponder cost: other τ, and a batch that is all padding", true, in),
                fixedDepth("6.4 fixed depth: 3 steps of tanh", false, in, 2, 3, 4, 3, TANH, tanh()),
                fixedDepth("6.4 fixed depth: 4 steps of a shared Transformer encoder layer", true, in, 2, 5,
                        LAYER_WIDTH, 4, SHARED_LAYER, sharedLayer()),
                act("6.5 adaptive computation time: tanh transition, no padding", false, in, 2, 3, 4, 4, 0.01, false,
                        TANH, tanh(), 651),
                act("6.5 adaptive computation time: shared Transformer layer, padding, M = 3", true, in, 3, 4,
                        LAYER_WIDTH, 3, 0.1, true, SHARED_LAYER, sharedLayer(), 652));
    }

    private static UnaryOperator<Tensor> tanh() {
        return Tensor::tanh;
    }

    private static UnaryOperator<Tensor> sharedLayer() {
        TransformerEncoderLayer layer = new TransformerEncoderLayer(
                new TransformerConfig(LAYER_WIDTH, 2, 16, 0.0, "relu", 1e-5, true, true, 1, 1), new Rng(LAYER_SEED));
        return h -> layer.forward(h, null, null);
    }

    private static String haltingUnitSource(long d, long seed) {
        return "new newarch.nn.Linear(" + d + ", 1, true, new newarch.tensor.Rng(" + seed + "L))";
    }

    // 6.1 ------------------------------------------------------------------------------------------------------

    private static GradedTest coordinates(String name, boolean hidden, int[][] cases) {
        List<Expectation> expectations = new ArrayList<>();
        for (int[] c : cases) {
            int length = c[0];
            int step = c[1];
            int d = c[2];
            Probe p = Probe.call(probeId(name) + "_" + length + "_" + step + "_" + d, "coordinateEmbedding",
                    literal(length), literal(step), literal(d));
            INDArray expected = new CoordinateEmbedding(length, step, d).signal(step, length, DataType.FLOAT);
            expectations.add(new Expectation(p, expected, "coordinateEmbedding(" + length + ", " + step + ", " + d + ")"));
        }
        return new GradedTest(name, "6.1", hidden ? 1 : 0.5, hidden, probes(expectations), Judges.allClose(expectations,
                "Hint: row i is the sinusoidal encoding of position i plus the encoding of the step number t"
                        + " (the same formula with t in place of i); steps count from 1, positions from 0."));
    }

    // 6.2 ------------------------------------------------------------------------------------------------------

    private static final String HALTING_HINT = "Hint: a running position halts when accumulated + p exceeds the"
            + " threshold (or when forced); it then gets the remainder 1 − accumulated as its weight and its sum becomes"
            + " exactly 1. A position that goes on gets weight p; one that is not running gets weight 0 and keeps its"
            + " sum.";

    private static GradedTest haltingByHand(String name, boolean hidden) {
        INDArray p = Nd4j.createFromArray(new float[][] {{0.4f, 0.4f, 0.995f, 0.3f}, {0.6f, 0.2f, 0.2f, 0.7f}});
        INDArray accumulated = Nd4j.createFromArray(new float[][] {{0.4f, 0.8f, 0, 1}, {0, 0.85f, 0.5f, 0}});
        INDArray running = Nd4j.createFromArray(new float[][] {{1, 1, 1, 0}, {1, 1, 1, 0}});
        List<Expectation> expectations = haltingCase(probeId(name), p, accumulated, running, 0.99, false);
        return new GradedTest(name, "6.2", 1.8, hidden, probes(expectations),
                Judges.allClose(expectations, HALTING_HINT));
    }

    private static GradedTest haltingHidden(String name, boolean hidden, Inputs in) {
        List<Expectation> expectations = new ArrayList<>();
        // The last allowed step: every running position halts, whatever its sum.
        INDArray p = sigmoid(in.normal(3, 5));
        INDArray accumulated = sigmoid(in.normal(3, 5)).muli(0.6);
        INDArray running = Nd4j.createFromArray(new float[][] {{1, 1, 1, 1, 1}, {1, 0, 1, 0, 1}, {0, 0, 0, 0, 0}});
        accumulated.putRow(2, Nd4j.ones(DataType.FLOAT, 5));
        expectations.addAll(haltingCase(probeId(name) + "f", p, accumulated, running, 0.9, true));
        // 0.5 + 0.25 is exactly 0.75 in binary: a sum exactly at the threshold goes on.
        expectations.addAll(haltingCase(probeId(name) + "t", Nd4j.createFromArray(new float[][] {{0.25f, 0.3f}}),
                Nd4j.createFromArray(new float[][] {{0.5f, 0.5f}}), Nd4j.createFromArray(new float[][] {{1, 1}}), 0.75,
                false));
        return new GradedTest(name, "6.2", 1.2, hidden, probes(expectations),
                Judges.allClose(expectations, HALTING_HINT));
    }

    /** Four probes on one call: each field of the returned HaltingStep is compared with the library's. */
    private static List<Expectation> haltingCase(String id, INDArray p, INDArray accumulated, INDArray running,
                                                 double threshold, boolean forced) {
        HaltingStep expected = AdaptiveComputationTime.haltingStep(Tensor.constant(p), Tensor.constant(accumulated),
                Tensor.constant(running), threshold, forced);
        String call = "haltingStep(p " + shape(p) + ", threshold " + threshold + (forced ? ", forced" : "") + ")";
        List<Expectation> out = new ArrayList<>();
        String[] fields = {"accumulated", "remainder", "weight", "running"};
        Tensor[] values = {expected.accumulated(), expected.remainder(), expected.weight(), expected.running()};
        for (int i = 0; i < fields.length; i++) {
            Probe probe = field(Probe.call(id + "_" + fields[i], "haltingStep", tensor(p), tensor(accumulated),
                    tensor(running), literal(threshold), literal(forced)), fields[i]);
            out.add(new Expectation(probe, values[i].data(), call + "." + fields[i] + "()"));
        }
        return out;
    }

    /** The probe with {@code .field()} read from the returned record before it is saved. */
    private static Probe field(Probe call, String accessor) {
        String code = call.code();
        int end = code.lastIndexOf(");");
        return new Probe(call.id(), code.substring(0, end) + "." + accessor + "());", call.inputs());
    }

    private static INDArray sigmoid(INDArray x) {
        return Tensor.constant(x).sigmoid().data();
    }

    // 6.3 ------------------------------------------------------------------------------------------------------

    private static final String PONDER_HINT = "Hint: ρ = N + R per position; average it over the real positions only"
            + " (where active is 1, dividing by their number, or by 1 if there are none) and multiply by τ.";

    private static GradedTest ponderCost(String name, boolean hidden, float[][] updates, float[][] remainders,
                                         float[][] active, double tau) {
        Expectation e = ponderCase(probeId(name), Nd4j.createFromArray(updates), Nd4j.createFromArray(remainders),
                Nd4j.createFromArray(active), tau);
        return new GradedTest(name, "6.3", 0.5, hidden, List.of(e.probe()), scalarJudge(List.of(e), PONDER_HINT));
    }

    private static GradedTest ponderHidden(String name, boolean hidden, Inputs in) {
        INDArray updates = Nd4j.createFromArray(new float[][] {{1, 4, 2, 3}, {2, 2, 0, 0}, {5, 1, 1, 0}});
        INDArray remainders = sigmoid(in.normal(3, 4)).mul(updates.gt(0).castTo(DataType.FLOAT));
        INDArray active = updates.gt(0).castTo(DataType.FLOAT);
        List<Expectation> cases = List.of(
                ponderCase(probeId(name) + "a", updates, remainders, active, 0.05),
                ponderCase(probeId(name) + "b", Nd4j.zeros(DataType.FLOAT, 2, 3), Nd4j.zeros(DataType.FLOAT, 2, 3),
                        Nd4j.zeros(DataType.FLOAT, 2, 3), 0.01));
        return new GradedTest(name, "6.3", 1, hidden, probes(cases), scalarJudge(cases, PONDER_HINT));
    }

    private static Expectation ponderCase(String id, INDArray updates, INDArray remainders, INDArray active,
                                          double tau) {
        Probe p = Probe.call(id, "ponderCost", tensor(updates), tensor(remainders), tensor(active), literal(tau));
        INDArray expected = Pondered.meanPonderTime(Tensor.constant(updates).add(Tensor.constant(remainders)), active)
                .mul(tau).data();
        return new Expectation(p, expected, "ponderCost(" + shape(updates) + " with " + active.sumNumber().intValue()
                + " real positions, τ = " + tau + ")");
    }

    /** Like {@link Judges#allClose}, but any one-element result counts as a scalar, whatever its rank. */
    private static Function<ProbeResults, Verdict> scalarJudge(List<Expectation> cases, String hint) {
        return results -> {
            int passed = 0;
            StringBuilder messages = new StringBuilder();
            for (Expectation c : cases) {
                INDArray got = results.value(c.probe().id());
                if (got != null && got.length() == 1) {
                    got = got.reshape(c.expected().shape());
                }
                Verdict v = NumericCheck.compare(c.what(), c.expected(), got, Judges.RTOL, Judges.ATOL, hint);
                passed += v.passed() ? 1 : 0;
                messages.append(messages.length() == 0 ? "" : "\n").append(v.message());
            }
            return new Verdict((double) passed / cases.size(), messages.toString());
        };
    }

    // 6.4 ------------------------------------------------------------------------------------------------------

    private static GradedTest fixedDepth(String name, boolean hidden, Inputs in, long b, long len, long d, int steps,
                                         String transitionSource, UnaryOperator<Tensor> transition) {
        INDArray state = in.normal(b, len, d);
        Probe p = Probe.call(probeId(name), "fixedDepth", tensor(state), literal(steps), literal(transitionSource));
        INDArray expected = new FixedDepth(steps, new CoordinateEmbedding((int) len, steps, (int) d))
                .forward(Tensor.constant(state), Nd4j.ones(DataType.FLOAT, b, len), transition).output().data();
        return Judges.single(name, "6.4", 1, hidden, p, expected,
                "fixedDepth(state " + shape(state) + ", " + steps + " steps)",
                "Hint: apply the same transition T times, each time to the current state plus the coordinate"
                        + " embedding of that step (t = 1 for the first step, then 2, ...), not once before the loop.");
    }

    // 6.5 ------------------------------------------------------------------------------------------------------

    private static GradedTest act(String name, boolean hidden, Inputs in, long b, long len, long d, int maxSteps,
                                  double epsilon, boolean padded, String transitionSource,
                                  UnaryOperator<Tensor> transition, long haltingSeed) {
        INDArray state = in.normal(b, len, d);
        INDArray active = Nd4j.ones(DataType.FLOAT, b, len);
        if (padded) {
            for (long row = 1; row < b; row++) {
                for (long col = len - row; col < len; col++) {
                    active.putScalar(row, col, 0);                 // row r ends with r padded positions
                }
            }
        }
        Probe p = Probe.call(probeId(name), "adaptiveComputationTime", tensor(state), tensor(active),
                literal(haltingUnitSource(d, haltingSeed)), literal(maxSteps), literal(epsilon),
                literal(transitionSource));
        AdaptiveComputationTime reference = new AdaptiveComputationTime(d, maxSteps, epsilon,
                new CoordinateEmbedding((int) len, maxSteps, (int) d), new Rng(0));
        Linear haltingUnit = new Linear(d, 1, true, new Rng(haltingSeed));
        reference.haltingUnit().weight().data().assign(haltingUnit.weight().data());
        reference.haltingUnit().bias().data().assign(haltingUnit.bias().data());
        INDArray expected = reference.forward(Tensor.constant(state), active, transition).output().data();
        return Judges.single(name, "6.5", 1, hidden, p, expected,
                "adaptiveComputationTime(state " + shape(state) + ", M = " + maxSteps + ", ε = " + epsilon + ")",
                "Hint: at each step add the coordinate embedding of step n, take p = σ(haltingUnit(x)) as [batch, len],"
                        + " call haltingStep with threshold 1 − ε (forced at n = M), then mix the transition's output"
                        + " into y with the step's weight: y = w·s + (1 − w)·y.");
    }

    private static List<Probe> probes(List<Expectation> expectations) {
        return expectations.stream().map(Expectation::probe).toList();
    }
}
