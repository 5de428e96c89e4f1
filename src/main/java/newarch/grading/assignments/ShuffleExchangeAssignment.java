package newarch.grading.assignments;

import static newarch.grading.Probe.literal;
import static newarch.grading.Probe.tensor;
import static newarch.grading.assignments.SelfAttentionAssignment.probeId;
import static newarch.grading.assignments.SelfAttentionAssignment.shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import newarch.grading.Assignment;
import newarch.grading.GradedTest;
import newarch.grading.Probe;
import newarch.grading.assignments.Judges.Expectation;
import newarch.models.shuffle.PerfectShuffle;
import newarch.models.shuffle.ResidualSwitchUnit;
import newarch.models.shuffle.ShuffleExchangeConfig;
import newarch.models.shuffle.ShuffleExchangeNetwork;
import newarch.models.shuffle.ShuffleLayer;
import newarch.tensor.GradMode;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Assignment 09, Shuffle-Exchange networks: the perfect-shuffle index permutation and its inverse, the shuffle and
 * unshuffle of a [batch, n, m] tensor by reshape and permute, the padded length and the number of switch applications
 * of a network, and one layer of residual switch units from given weights. Expected values come from the library
 * ({@link PerfectShuffle}, {@link ShuffleLayer}, {@link ShuffleExchangeNetwork#switchApplications()},
 * {@link ResidualSwitchUnit}); hidden tests change n, the batch and feature sizes, the number of Beneš blocks, lengths
 * that are not powers of two, and the learned residual weights, so that a hard-coded answer fails.
 */
public final class ShuffleExchangeAssignment implements Assignment {
    @Override
    public String id() {
        return "09-shuffle-exchange";
    }

    @Override
    public String title() {
        return "Shuffle-Exchange networks: perfect shuffle, Beneš depth and the residual switch unit";
    }

    @Override
    public List<GradedTest> tests() {
        Inputs in = new Inputs(909);
        return List.of(
                permutation("9.1 perfect shuffle and its inverse: n = 8", false, new int[] {8}),
                permutation("9.1 perfect shuffle and its inverse: n = 2, 4, 16, 64", true, new int[] {2, 4, 16, 64}),
                shuffleTensor("9.2 shuffle and unshuffle a tensor: [2, 8, 3]", false, in, new long[][] {{2, 8, 3}}),
                shuffleTensor("9.2 shuffle and unshuffle a tensor: other n, batch and widths", true, in,
                        new long[][] {{1, 4, 5}, {3, 16, 2}, {2, 2, 4}, {1, 32, 1}}),
                counting("9.3 padded length and switch applications: length 8, one block", false,
                        new int[][] {{8, 1}}),
                counting("9.3 padded length and switch applications: lengths 1, 5, 100, 1000; 1–3 blocks", true,
                        new int[][] {{5, 1}, {1, 2}, {100, 2}, {1000, 3}, {2, 1}}),
                residual("9.4 residual switch layer: [2, 4, 3], initial residual weights", false, in,
                        List.of(new UnitCase(2, 4, 3, false))),
                residual("9.4 residual switch layer: learned residual weights, other shapes", true, in,
                        List.of(new UnitCase(1, 8, 2, true), new UnitCase(3, 2, 4, true), new UnitCase(2, 16, 1, true))));
    }

    /** Two probes per n: the shuffle's index permutation and its inverse. */
    private static GradedTest permutation(String name, boolean hidden, int[] sizes) {
        List<Expectation> cases = new ArrayList<>();
        for (int n : sizes) {
            Probe forward = Probe.call(probeId(name + "shuffle" + n), "shuffleIndex", literal(n));
            Probe inverse = Probe.call(probeId(name + "inverse" + n), "unshuffleIndex", literal(n));
            cases.add(new Expectation(forward, Nd4j.createFromArray(PerfectShuffle.permutation(n)),
                    "shuffleIndex(" + n + ")"));
            cases.add(new Expectation(inverse, Nd4j.createFromArray(PerfectShuffle.inverse(n)),
                    "unshuffleIndex(" + n + ")"));
        }
        return new GradedTest(name, "9.1", 1, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: both return LONG INDArrays [n] of source addresses, out[i] = in[perm[i]]."
                        + " For the shuffle, output i takes the element whose k-bit address is i rotated RIGHT by one"
                        + " bit, (i >> 1) | ((i & 1) << (k − 1)): for n = 8 that is [0, 4, 1, 5, 2, 6, 3, 7] (the"
                        + " element at address a moves to a rotated left). The inverse rotates left,"
                        + " ((i << 1) | (i >> (k − 1))) & (n − 1): [0, 2, 4, 6, 1, 3, 5, 7]. Use k = log2(n), not a"
                        + " fixed 3."));
    }

    /** Two probes per shape: shuffle and unshuffle of a random [batch, n, m]. */
    private static GradedTest shuffleTensor(String name, boolean hidden, Inputs in, long[][] shapes) {
        List<Expectation> cases = new ArrayList<>();
        for (long[] s : shapes) {
            INDArray x = in.normal(s);
            INDArray shuffled;
            INDArray unshuffled;
            try (GradMode ignored = GradMode.off()) {
                shuffled = ShuffleLayer.shuffle(Tensor.constant(x)).data();
                unshuffled = ShuffleLayer.inverseShuffle(Tensor.constant(x)).data();
            }
            Probe forward = Probe.call(probeId(name + "shuffle" + Arrays.toString(s)), "shuffle", tensor(x));
            Probe inverse = Probe.call(probeId(name + "unshuffle" + Arrays.toString(s)), "unshuffle", tensor(x));
            cases.add(new Expectation(forward, shuffled, "shuffle(x " + shape(x) + ")"));
            cases.add(new Expectation(inverse, unshuffled, "unshuffle(x " + shape(x) + ")"));
        }
        return new GradedTest(name, "9.2", 1.25, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: the shuffle interleaves the two halves, so view x [b, n, m] as"
                        + " [b, 2, n/2, m] (half, index within the half), swap those two axes with permute(0, 2, 1, 3)"
                        + " and reshape back to [b, n, m]. The unshuffle is the mirror image: view as [b, n/2, 2, m],"
                        + " permute(0, 2, 1, 3), reshape. Read n, b and m from x.size(...), never fixed numbers."));
    }

    /** Two probes per {length, blocks}: the padded length and the switch applications of a whole network. */
    private static GradedTest counting(String name, boolean hidden, int[][] cases) {
        List<Expectation> expectations = new ArrayList<>();
        for (int[] c : cases) {
            int length = c[0];
            int blocks = c[1];
            ShuffleExchangeNetwork network = new ShuffleExchangeNetwork(
                    new ShuffleExchangeConfig(ShuffleExchangeConfig.Variant.RSE, 2, blocks, 4), new Rng(length));
            try (GradMode ignored = GradMode.off()) {
                network.tag(Nd4j.zeros(DataType.LONG, 1, length));
            }
            Probe padded = Probe.call(probeId(name + "padded" + length), "paddedLength", literal(length));
            Probe count = Probe.call(probeId(name + "count" + length + "x" + blocks), "switchApplications",
                    literal(length), literal(blocks));
            expectations.add(new Expectation(padded, Nd4j.scalar((double) ShuffleLayer.paddedLength(length)),
                    "paddedLength(" + length + ")"));
            expectations.add(new Expectation(count, Nd4j.scalar((double) network.switchApplications()),
                    "switchApplications(" + length + ", " + blocks + ")"));
        }
        return new GradedTest(name, "9.3", 1, hidden, expectations.stream().map(Expectation::probe).toList(),
                Judges.allClose(expectations, "Hint: paddedLength is the smallest power of two n = 2^k ≥ length, and"
                        + " at least 2 (a length of 1 still needs one pair). A Beneš block on n = 2^k positions has"
                        + " 2(k − 1) switch layers (k − 1 before the shuffles, k − 1 before the inverse shuffles), each"
                        + " of n/2 pairs, and the network adds one final switch layer after its blocks:"
                        + " blocks·2(k − 1)·n/2 + n/2. Count with the padded n, not the length."));
    }

    /** One residual switch layer on [batch, n, m]; {@code learned} randomises the residual logits s. */
    private record UnitCase(int batch, int n, int m, boolean learned) {
    }

    private static GradedTest residual(String name, boolean hidden, Inputs in, List<UnitCase> units) {
        List<Expectation> cases = new ArrayList<>();
        for (UnitCase c : units) {
            ResidualSwitchUnit unit = new ResidualSwitchUnit(c.m(), new Rng(c.n() * 31L + c.m()));
            Map<String, Tensor> p = unit.namedParameters();
            // a trained-looking LayerNorm, so that a LayerNorm without its gain and bias fails
            p.get("norm.weight").data().assign(in.scaled(0.3, 4L * c.m()).addi(1));
            p.get("norm.bias").data().assign(in.scaled(0.3, 4L * c.m()));
            if (c.learned()) {
                p.get("residual").data().assign(in.scaled(1.5, 2L * c.m()));
            }
            INDArray x = in.normal(c.batch(), c.n(), c.m());
            INDArray expected;
            try (GradMode ignored = GradMode.off()) {
                expected = unit.forward(Tensor.constant(x)).data();
            }
            Probe probe = Probe.call(probeId(name + c), "residualSwitchLayer", tensor(x),
                    tensor(p.get("expand.weight").data()), tensor(p.get("norm.weight").data()),
                    tensor(p.get("norm.bias").data()), tensor(p.get("project.weight").data()),
                    tensor(p.get("project.bias").data()), tensor(p.get("residual").data()));
            cases.add(new Expectation(probe, expected, "residualSwitchLayer(x " + shape(x) + ", "
                    + (c.learned() ? "learned" : "initial") + " residual logits s)"));
        }
        return new GradedTest(name, "9.4", 1.75, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: pair neighbours with x.reshape(b, n/2, 2m) (row j = [x_2j, x_2j+1])."
                        + " Then g = LayerNorm(i Zᵀ) over the last axis (biased variance, ε = 1e-5, times the gain plus"
                        + " the bias), c = GELU(g) Wᵀ + B with the exact GELU (Tensor.gelu), and the output"
                        + " σ(s) ⊙ i + h·c with h = 0.25·√(1 − 0.9²) a constant — but σ(s) from the given s, not the"
                        + " constant 0.9 (s is learned). Reshape back to [b, n, m]. The weights are in PyTorch layout"
                        + " [out, in]: multiply by their transpose."));
    }
}
