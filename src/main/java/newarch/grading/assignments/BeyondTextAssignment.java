package newarch.grading.assignments;

import static newarch.grading.Probe.literal;
import static newarch.grading.Probe.tensor;
import static newarch.grading.assignments.SelfAttentionAssignment.probeId;
import static newarch.grading.assignments.SelfAttentionAssignment.shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import newarch.attention.Masks;
import newarch.grading.Assignment;
import newarch.grading.GradedTest;
import newarch.grading.Probe;
import newarch.grading.assignments.Judges.Expectation;
import newarch.models.mixer.TokenMixing;
import newarch.models.vit.Patchify;
import newarch.tensor.GradMode;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Assignment 07, self-attention beyond text: cutting images into patch tokens (ViT), the attention mask of a graph
 * given as an edge list, the window mask of truncated attention over long frame sequences, and one token-mixing MLP
 * step of MLP-Mixer. Expected values come from the library ({@link Patchify}, {@link Masks#graph},
 * {@link Masks#banded} with {@link Masks#causal}, {@link TokenMixing}); hidden tests change the shapes and the
 * options (directed edges, a look-back-only window, square token tables) so that a hard-coded answer fails.
 */
public final class BeyondTextAssignment implements Assignment {
    private static final String MASK_CONVENTION = " Masks are additive, as in newarch.attention.Masks: 0 where the"
            + " query (row) may look at the key (column), Double.NEGATIVE_INFINITY where it may not — not a boolean"
            + " and not a large negative number.";

    @Override
    public String id() {
        return "07-beyond-text";
    }

    @Override
    public String title() {
        return "Self-attention beyond text";
    }

    @Override
    public List<GradedTest> tests() {
        Inputs in = new Inputs(707);
        return List.of(
                patchify("7.1 patchify: 2 grey 4×4 images, 2×2 patches", false, in, new int[][] {{2, 1, 4, 4, 2}}),
                patchify("7.1 patchify: 3 channels, a non-square image, patch = the whole image", true, in,
                        new int[][] {{1, 3, 6, 4, 2}, {2, 2, 6, 6, 3}, {1, 2, 3, 3, 3}}),
                graph("7.2 graph mask: an undirected path of 4 nodes", false,
                        List.of(new GraphCase(4, new int[][] {{0, 1}, {1, 2}, {2, 3}}, false))),
                graph("7.2 graph mask: directed edges, an isolated node, repeats, a single node", true,
                        List.of(new GraphCase(5, new int[][] {{0, 1}, {0, 2}, {3, 1}, {0, 1}}, true),
                                new GraphCase(6, new int[][] {{5, 0}, {2, 4}, {4, 2}, {3, 3}}, false),
                                new GraphCase(1, new int[0][], false))),
                window("7.3 window mask: 6 frames, window 1", false, List.of(new int[] {6, 1, 0})),
                window("7.3 window mask: window 0, a window wider than the sequence, look-back only", true,
                        List.of(new int[] {5, 0, 0}, new int[] {4, 7, 0}, new int[] {7, 2, 1}, new int[] {1, 3, 1})),
                tokenMixing("7.4 token mixing: batch 2, 4 patches, 3 channels", false, in,
                        new int[][] {{2, 4, 3, 5}}),
                tokenMixing("7.4 token mixing: as many patches as channels, batch 1, other widths", true, in,
                        new int[][] {{1, 5, 5, 2}, {3, 6, 2, 8}}));
    }

    /** One probe per {batch, channels, height, width, patch size}. */
    private static GradedTest patchify(String name, boolean hidden, Inputs in, int[][] sizes) {
        List<Expectation> cases = new ArrayList<>();
        for (int[] s : sizes) {
            INDArray images = in.normal(s[0], s[1], s[2], s[3]);
            Probe p = Probe.call(probeId(name + Arrays.toString(s)), "patchify", tensor(images), literal(s[4]));
            cases.add(new Expectation(p, Patchify.apply(Tensor.constant(images), s[4]).data(),
                    "patchify(images " + shape(images) + ", " + s[4] + ")"));
        }
        return new GradedTest(name, "7.1", 1.25, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: the result is [B, (H/p)·(W/p), C·p·p]. Split H into (H/p, p) and W"
                        + " into (W/p, p): reshape to [B, C, H/p, p, W/p, p], permute to [B, H/p, W/p, C, p, p]"
                        + " (patches row by row; inside a patch channel first, then row, then column), and reshape."
                        + " A reshape alone keeps the right shape but mixes pixels of different patches."));
    }

    /** A graph of {@code nodes} nodes given as edges {u, v}; directed: u → v only, else both ways. */
    private record GraphCase(int nodes, int[][] edges, boolean directed) {
        String source() {
            StringBuilder s = new StringBuilder("new int[][] {");
            for (int e = 0; e < edges.length; e++) {
                s.append(e == 0 ? "" : ", ").append('{').append(edges[e][0]).append(", ").append(edges[e][1]).append('}');
            }
            return s.append('}').toString();
        }

        /** [N, N], row = the receiving node: an edge u → v lets v attend to u. */
        INDArray adjacency() {
            INDArray a = Nd4j.zeros(DataType.FLOAT, nodes, nodes);
            for (int[] e : edges) {
                a.putScalar(e[1], e[0], 1);
                if (!directed) {
                    a.putScalar(e[0], e[1], 1);
                }
            }
            return a;
        }

        String describe() {
            return "graphMask(" + nodes + ", " + Arrays.deepToString(edges).replace(" ", "") + ", "
                    + (directed ? "directed" : "undirected") + ")";
        }
    }

    private static GradedTest graph(String name, boolean hidden, List<GraphCase> graphs) {
        List<Expectation> cases = new ArrayList<>();
        for (GraphCase g : graphs) {
            Probe p = Probe.call(probeId(name + g.describe()), "graphMask", literal(g.nodes()), literal(g.source()),
                    literal(g.directed()));
            cases.add(new Expectation(p, Masks.graph(g.adjacency(), DataType.FLOAT).data(), g.describe()));
        }
        return new GradedTest(name, "7.2", 1.25, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: start from −∞ everywhere, allow the diagonal (every node attends to"
                        + " itself), and for an edge {u, v} allow row v, column u (v receives u's message); an"
                        + " undirected edge also allows row u, column v. Nodes without edges still see themselves."
                        + MASK_CONVENTION));
    }

    /** One probe per {length, window, look-back only (1) or both sides (0)}. */
    private static GradedTest window(String name, boolean hidden, List<int[]> options) {
        List<Expectation> cases = new ArrayList<>();
        for (int[] o : options) {
            boolean lookBack = o[2] == 1;
            Probe p = Probe.call(probeId(name + Arrays.toString(o)), "windowMask", literal(o[0]), literal(o[1]),
                    literal(lookBack));
            Tensor expected = Masks.banded(o[0], o[1], DataType.FLOAT);
            if (lookBack) {
                expected = Masks.combine(expected, Masks.causal(o[0], o[0], DataType.FLOAT));
            }
            cases.add(new Expectation(p, expected.data(), "windowMask(" + o[0] + ", " + o[1] + ", " + lookBack + ")"));
        }
        return new GradedTest(name, "7.3", 1, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: frame i may look at frame j when |i − j| ≤ window (both ends"
                        + " included; window 0 keeps only the diagonal, a window ≥ length − 1 allows everything); with"
                        + " lookBackOnly it must also hold that j ≤ i." + MASK_CONVENTION));
    }

    /** One probe per {batch, patches S, channels C, hidden width D_S}, weights from the library's TokenMixing. */
    private static GradedTest tokenMixing(String name, boolean hidden, Inputs in, int[][] sizes) {
        List<Expectation> cases = new ArrayList<>();
        for (int[] s : sizes) {
            TokenMixing mixing = new TokenMixing(s[1], s[3], new Rng(Arrays.hashCode(s)));
            Map<String, Tensor> w = mixing.namedParameters();
            INDArray x = in.normal(s[0], s[1], s[2]);
            Probe p = Probe.call(probeId(name + Arrays.toString(s)), "tokenMixing", tensor(x),
                    tensor(w.get("fc1.weight").data()), tensor(w.get("fc1.bias").data()),
                    tensor(w.get("fc2.weight").data()), tensor(w.get("fc2.bias").data()));
            INDArray expected;
            try (GradMode ignored = GradMode.off()) {
                expected = mixing.forward(Tensor.constant(x)).data();
            }
            cases.add(new Expectation(p, expected, "tokenMixing(x " + shape(x) + ", w1 [" + s[3] + "," + s[1]
                    + "], w2 [" + s[1] + "," + s[3] + "])"));
        }
        return new GradedTest(name, "7.4", 1.5, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: the MLP acts across the patches, so transpose x [B, S, C] to [B, C, S]"
                        + " first; then x·w1ᵀ + b1, the exact GELU (Tensor.gelu(), the erf form, not the tanh"
                        + " approximation), ·w2ᵀ + b2, and transpose back to [B, S, C]. Weights are stored as"
                        + " PyTorch's Linear stores them, [out, in]. When S = C a missing transpose still has the right"
                        + " shape but mixes channels instead of patches."));
    }
}
