package newarch.grading.assignments;

import static newarch.grading.Probe.array;
import static newarch.grading.Probe.literal;
import static newarch.grading.assignments.SelfAttentionAssignment.probeId;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import newarch.attention.Masks;
import newarch.bench.PowerLawFit;
import newarch.grading.Assignment;
import newarch.grading.GradedTest;
import newarch.grading.Probe;
import newarch.grading.assignments.Judges.Expectation;
import newarch.models.blosa.BloSaConfig;
import newarch.models.blosa.Direction;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Assignment 10, efficient attention: the additive band mask of truncated (windowed) attention, Bi-BloSA's
 * intra-block and inter-block direction masks, its block length from the sequence length, the number of score entries
 * full, windowed and block attention store, and the growth exponent of a measured cost curve. Expected values come
 * from the library ({@link Masks#banded}, {@link Masks#block}, {@link Direction#allowed},
 * {@link BloSaConfig#optimalBlockLength}, {@link PowerLawFit}); hidden tests change the lengths, windows (0 and wider
 * than the sequence), block lengths that do not divide the length, exact cubes, and noisy curves with skipped points,
 * so that a hard-coded answer fails.
 */
public final class EfficientAttentionAssignment implements Assignment {
    @Override
    public String id() {
        return "10-efficient-attention";
    }

    @Override
    public String title() {
        return "Efficient attention: windows, blocks, memory counts and growth exponents";
    }

    @Override
    public List<GradedTest> tests() {
        return List.of(
                window("10.1 window mask: 8 frames, w = 2", false, new int[][] {{8, 2}}),
                window("10.1 window mask: w = 0, w ≥ n − 1, longer sequences", true,
                        new int[][] {{5, 0}, {6, 9}, {6, 5}, {17, 4}, {1, 3}}),
                blocks("10.2 Bi-BloSA masks: 8 tokens in blocks of 4", false, new int[][] {{8, 4}}),
                blocks("10.2 Bi-BloSA masks: lengths that are not a multiple of the block, blocks of 1", true,
                        new int[][] {{7, 3}, {10, 4}, {5, 1}, {11, 4}}),
                blockLength("10.3 block length and count: n = 100", false, new int[] {100}),
                blockLength("10.3 block length and count: exact cubes, n = 1, long sequences", true,
                        new int[] {4, 500, 1, 13, 4000, 6000, 108}),
                counts("10.4 score entries: n = 64, w = 8", false, new int[][] {{64, 8}}),
                counts("10.4 score entries: windows 0 and wider than n, other lengths", true,
                        new int[][] {{100, 0}, {30, 40}, {257, 16}, {500, 499}, {1, 2}}),
                exponent("10.5 growth exponent: t = 2·n²", false, List.<double[][]>of(new double[][] {
                        {256, 512, 1024, 2048}, {2 * 256.0 * 256, 2 * 512.0 * 512, 2 * 1024.0 * 1024,
                                2 * 2048.0 * 2048}})),
                exponent("10.5 growth exponent: noisy curves, skipped lengths, too few points", true, List.<double[][]>of(
                        new double[][] {{512, 1024, 2048, 4096, 8192, 16384, 32768, 65536},
                                {10.1, 28.3, 110.3, 405.5, 1760, 7325, Double.NaN, Double.NaN}},
                        new double[][] {{512, 1024, 2048, 4096, 8192}, {34.5, 35.2, 64.8, 117.4, 201.2}},
                        new double[][] {{100, 1000, 10000}, {0.5, 0, 40}},
                        new double[][] {{64, 128}, {Double.NaN, 3.0}})));
    }

    /** 1 where an additive mask allows a pair (0), 0 where it blocks it (−∞). */
    private static INDArray allowed(Tensor additive) {
        return Transforms.exp(additive.data().castTo(DataType.DOUBLE), true).castTo(DataType.FLOAT);
    }

    /** One probe per {length, window}: the additive band mask. */
    private static GradedTest window(String name, boolean hidden, int[][] cases) {
        List<Expectation> expectations = new ArrayList<>();
        for (int[] c : cases) {
            Probe p = Probe.call(probeId(name + Arrays.toString(c)), "windowMask", literal(c[0]), literal(c[1]));
            expectations.add(new Expectation(p, Masks.banded(c[0], c[1], DataType.FLOAT).data(),
                    "windowMask(" + c[0] + ", " + c[1] + ")"));
        }
        return new GradedTest(name, "10.1", 1, hidden, expectations.stream().map(Expectation::probe).toList(),
                Judges.allClose(expectations, "Hint: return a FLOAT [length, length] array, row = query i, column ="
                        + " key j, with 0 where |i − j| ≤ window (the diagonal included) and Float.NEGATIVE_INFINITY"
                        + " elsewhere: an additive mask, not 1/0. A window of 0 keeps only the diagonal, a window of"
                        + " length − 1 or more keeps everything."));
    }

    /** Four probes per {length, block length}: intra- and inter-block masks, forward and backward. */
    private static GradedTest blocks(String name, boolean hidden, int[][] cases) {
        List<Expectation> expectations = new ArrayList<>();
        for (int[] c : cases) {
            int n = c[0];
            int r = c[1];
            int m = (n + r - 1) / r;
            INDArray sameBlock = allowed(Masks.block(n, r, DataType.FLOAT));
            for (Direction d : Direction.values()) {
                boolean forward = d == Direction.FORWARD;
                String args = n + ", " + r + ", " + forward;
                Probe intra = Probe.call(probeId(name + "intra" + args), "intraBlockMask", literal(n), literal(r),
                        literal(forward));
                Probe inter = Probe.call(probeId(name + "inter" + args), "interBlockMask", literal(n), literal(r),
                        literal(forward));
                expectations.add(new Expectation(intra, sameBlock.mul(d.allowed(n, DataType.FLOAT)),
                        "intraBlockMask(" + args + ")"));
                expectations.add(new Expectation(inter, d.allowed(m, DataType.FLOAT), "interBlockMask(" + args + ")"));
            }
        }
        return new GradedTest(name, "10.2", 1.25, hidden, expectations.stream().map(Expectation::probe).toList(),
                Judges.allClose(expectations, "Hint: 0/1 FLOAT arrays, row = query i, column = key j. Intra-block:"
                        + " [length, length], 1 only where i / r == j / r (integer division: the last block may be"
                        + " shorter) AND j < i for forward, j > i for backward — never the diagonal. Inter-block:"
                        + " [m, m] with m = ceil(length / r) blocks, 1 where the key block is earlier (forward) or"
                        + " later (backward) than the query block."));
    }

    /** Two probes per n: the block length and the number of blocks. */
    private static GradedTest blockLength(String name, boolean hidden, int[] lengths) {
        List<Expectation> expectations = new ArrayList<>();
        for (int n : lengths) {
            int r = BloSaConfig.optimalBlockLength(n);
            Probe length = Probe.call(probeId(name + "r" + n), "blockLength", literal(n));
            Probe count = Probe.call(probeId(name + "m" + n), "blockCount", literal(n));
            expectations.add(new Expectation(length, Nd4j.scalar((double) r), "blockLength(" + n + ")"));
            expectations.add(new Expectation(count, Nd4j.scalar((double) ((n + r - 1) / r)), "blockCount(" + n + ")"));
        }
        return new GradedTest(name, "10.3", 0.75, hidden, expectations.stream().map(Expectation::probe).toList(),
                Judges.allClose(expectations, "Hint: r = ceil(cbrt(2n)), at least 1 — minus a tolerance of about 1e-9"
                        + " before the ceiling, so that exact cubes (n = 4: 2n = 8, r = 2; n = 500: r = 10) are not"
                        + " rounded up a whole step. The number of blocks rounds up too: ceil(n / r), the last block"
                        + " padded."));
    }

    /** Three probes per {n, window}: full, windowed and Bi-BloSA score entries. */
    private static GradedTest counts(String name, boolean hidden, int[][] cases) {
        List<Expectation> expectations = new ArrayList<>();
        for (int[] c : cases) {
            int n = c[0];
            int w = c[1];
            int r = BloSaConfig.optimalBlockLength(n);
            long m = (n + r - 1) / r;
            double full = allowed(Masks.banded(n, n, DataType.FLOAT)).sumNumber().doubleValue(); // a window ≥ n: all pairs
            double band = allowed(Masks.banded(n, w, DataType.FLOAT)).sumNumber().doubleValue();
            double block = allowed(Masks.block(m * r, r, DataType.FLOAT)).sumNumber().doubleValue() + m * m;
            String args = n + ", " + w;
            expectations.add(new Expectation(Probe.call(probeId(name + "full" + args), "fullScores", literal(n)),
                    Nd4j.scalar(full), "fullScores(" + n + ")"));
            expectations.add(new Expectation(Probe.call(probeId(name + "window" + args), "windowScores", literal(n),
                    literal(w)), Nd4j.scalar(band), "windowScores(" + args + ")"));
            expectations.add(new Expectation(Probe.call(probeId(name + "block" + args), "blockScores", literal(n)),
                    Nd4j.scalar(block), "blockScores(" + n + ")"));
        }
        return new GradedTest(name, "10.4", 1, hidden, expectations.stream().map(Expectation::probe).toList(),
                Judges.allClose(expectations, "Hint: full attention stores n² scores. The window keeps the pairs with"
                        + " |i − j| ≤ w: n·(2w + 1) minus the two corners cut off at the ends, w·(w + 1), and never"
                        + " more than n² (a window wider than n − 1 is full attention). Bi-BloSA stores m blocks of"
                        + " r × r plus m × m between blocks, m·r² + m², with r and m from 10.3 (padded blocks count"
                        + " whole). Compute in long, not int."));
    }

    /** One probe per curve: the least-squares slope of ln t on ln n. */
    private static GradedTest exponent(String name, boolean hidden, List<double[][]> curves) {
        List<Expectation> expectations = new ArrayList<>();
        for (double[][] c : curves) {
            INDArray lengths = Nd4j.createFromArray(c[0]);
            INDArray seconds = Nd4j.createFromArray(c[1]);
            double k = PowerLawFit.fit(c[0], c[1]).exponent();
            Probe p = Probe.call(probeId(name + Arrays.toString(c[0]) + Arrays.toString(c[1])), "growthExponent",
                    array(lengths), array(seconds));
            expectations.add(new Expectation(p, Nd4j.scalar(k), "growthExponent(lengths " + Arrays.toString(c[0])
                    + ", seconds " + Arrays.toString(c[1]) + ")"));
        }
        return new GradedTest(name, "10.5", 1, hidden, expectations.stream().map(Expectation::probe).toList(),
                Judges.allClose(expectations, "Hint: take natural logarithms of both, x = ln n and y = ln t, and the"
                        + " least-squares slope k = (N·Σxy − Σx·Σy) / (N·Σx² − (Σx)²) over the N usable points. Skip"
                        + " every point where n or t is not a positive finite number (NaN marks a skipped length, 0 a"
                        + " failed one), and return NaN when fewer than two points remain."));
    }
}
