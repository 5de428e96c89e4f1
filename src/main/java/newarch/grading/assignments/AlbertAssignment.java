package newarch.grading.assignments;

import static newarch.grading.Probe.literal;
import static newarch.grading.assignments.SelfAttentionAssignment.probeId;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import newarch.data.pretraining.SentencePairs;
import newarch.grading.Assignment;
import newarch.grading.GradedTest;
import newarch.grading.Probe;
import newarch.grading.assignments.Judges.Expectation;
import newarch.models.albert.AlbertConfig;
import newarch.models.albert.AlbertLayer;
import newarch.models.albert.AlbertTransformer;
import newarch.nn.Embedding;
import newarch.nn.Linear;
import newarch.tensor.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Assignment 13, ALBERT's parameter accounting: the token-embedding count with and without the factorisation
 * V·E + E·H + H, the parameters of one encoder layer from H and d_ff, an ALBERT encoder's parameters with G groups of
 * shared layers (independent of the depth), and a sentence-order-prediction example from two consecutive segments.
 * Expected values come from modules built by the library ({@link Embedding}, {@link Linear}, {@link AlbertLayer},
 * {@link AlbertTransformer}) and from {@link SentencePairs}; hidden tests use other sizes, depths that must not
 * matter, group counts above one and the swapped order.
 */
public final class AlbertAssignment implements Assignment {
    @Override
    public String id() {
        return "13-albert";
    }

    @Override
    public String title() {
        return "ALBERT: factorised embeddings, layer counts, shared groups and sentence order";
    }

    @Override
    public List<GradedTest> tests() {
        return List.of(
                embedding("13.1 embedding parameters: V 1000, E 16, H 64, with and without factorisation", false,
                        List.of(new long[] {1000, 16, 64, 1}, new long[] {1000, 16, 64, 0})),
                embedding("13.1 embedding parameters: other sizes, E larger than H", true,
                        List.of(new long[] {3000, 32, 96, 1}, new long[] {500, 80, 48, 1}, new long[] {700, 8, 40, 0})),
                layer("13.2 one encoder layer: H 32, d_ff 128", false, List.of(new long[] {32, 128})),
                layer("13.2 one encoder layer: other widths, d_ff not 4H", true,
                        List.of(new long[] {48, 96}, new long[] {20, 200}, new long[] {64, 64})),
                encoder("13.3 ALBERT encoder: E 8, H 32, d_ff 64, 6 layers, 1 group", false,
                        List.of(new int[] {8, 32, 64, 6, 1})),
                encoder("13.3 ALBERT encoder: depth does not count, groups do", true,
                        List.of(new int[] {8, 32, 64, 24, 1}, new int[] {16, 24, 48, 12, 3}, new int[] {4, 16, 40, 4, 4})),
                sop("13.4 SOP example: two segments in order", false,
                        List.of(new SopCase(new int[] {5, 6, 7}, new int[] {8, 9}, false, 1, 2))),
                sop("13.4 SOP example: swapped, other special ids, one-token segments", true,
                        List.of(new SopCase(new int[] {11, 12}, new int[] {13, 14, 15, 16}, true, 101, 102),
                                new SopCase(new int[] {40}, new int[] {41}, true, 2, 3),
                                new SopCase(new int[] {7, 7, 9, 4}, new int[] {5}, false, 0, 1))));
    }

    /** {V, E, H, factorised 1/0}. */
    private static GradedTest embedding(String name, boolean hidden, List<long[]> sizes) {
        List<Expectation> cases = new ArrayList<>();
        for (long[] s : sizes) {
            boolean factorised = s[3] == 1;
            long expected = factorised
                    ? new Embedding(s[0], s[1], new Rng(0)).parameterCount()
                            + new Linear(s[1], s[2], true, new Rng(0)).parameterCount()
                    : new Embedding(s[0], s[2], new Rng(0)).parameterCount();
            String call = "embeddingParameters(" + s[0] + ", " + s[1] + ", " + s[2] + ", " + factorised + ")";
            Probe p = Probe.call(probeId(name + call), "embeddingParameters", literal(s[0] + "L"), literal(s[1] + "L"),
                    literal(s[2] + "L"), literal(factorised));
            cases.add(new Expectation(p, Nd4j.scalar((double) expected), call));
        }
        return new GradedTest(name, "13.1", 1.25, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: without factorisation the token table is V×H. With it, the table is"
                        + " V×E and a linear layer projects E to H: E·H weights plus H biases. Use long arithmetic."));
    }

    private static AlbertConfig config(int e, int h, int f, int layers, int groups) {
        return new AlbertConfig(50, e, h, layers, groups, 1, f, 1, "gelu_new", 0, 0, 16, 2, 0.02, 1e-12);
    }

    /** {H, d_ff}. */
    private static GradedTest layer(String name, boolean hidden, List<long[]> sizes) {
        List<Expectation> cases = new ArrayList<>();
        for (long[] s : sizes) {
            long expected = new AlbertLayer(config(4, (int) s[0], (int) s[1], 1, 1), new Rng(0)).parameterCount();
            String call = "encoderLayerParameters(" + s[0] + ", " + s[1] + ")";
            Probe p = Probe.call(probeId(name + call), "encoderLayerParameters", literal(s[0] + "L"),
                    literal(s[1] + "L"));
            cases.add(new Expectation(p, Nd4j.scalar((double) expected), call));
        }
        return new GradedTest(name, "13.2", 1.25, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: four H×H projections (query, key, value, output) each with H biases;"
                        + " the feed-forward H→d_ff (weights and d_ff biases) and d_ff→H (weights and H biases); two"
                        + " LayerNorms with a weight and a bias of size H each. The number of heads does not matter."));
    }

    /** {E, H, d_ff, layers, groups}. */
    private static GradedTest encoder(String name, boolean hidden, List<int[]> sizes) {
        List<Expectation> cases = new ArrayList<>();
        for (int[] s : sizes) {
            long expected = new AlbertTransformer(config(s[0], s[1], s[2], s[3], s[4]), new Rng(0)).parameterCount();
            String call = "albertEncoderParameters(" + Arrays.stream(s).mapToObj(Integer::toString)
                    .collect(Collectors.joining(", ")) + ")";
            Probe p = Probe.call(probeId(name + call), "albertEncoderParameters", literal(s[0] + "L"),
                    literal(s[1] + "L"), literal(s[2] + "L"), literal(s[3]), literal(s[4]));
            cases.add(new Expectation(p, Nd4j.scalar((double) expected), call));
        }
        return new GradedTest(name, "13.3", 1.25, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: the encoder stores the E→H projection (E·H + H) and one set of layer"
                        + " weights per group: groups × encoderLayerParameters(H, d_ff). The number of layers run does"
                        + " not change the count — they reuse the groups' weights."));
    }

    private record SopCase(int[] a, int[] b, boolean swapped, int cls, int sep) {
        String describe() {
            return "sopExample(" + Arrays.toString(a).replace(" ", "") + ", " + Arrays.toString(b).replace(" ", "")
                    + ", swapped " + swapped + ", cls " + cls + ", sep " + sep + ")";
        }
    }

    private static String intArray(int[] ids) {
        return Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(", ", "new int[] {", "}"));
    }

    private static GradedTest sop(String name, boolean hidden, List<SopCase> sopCases) {
        List<Expectation> cases = new ArrayList<>();
        for (SopCase c : sopCases) {
            // A document of the two segments (and a one-sentence document, which starts no pair: SentencePairs wants
            // two documents): SOP swaps them for label 1; draw until the label is the one wanted.
            SentencePairs pairs = new SentencePairs(List.of(List.of(c.a(), c.b()), List.of(c.a())),
                    SentencePairs.Task.SOP, 512, c.cls(), c.sep());
            SplittableRandom random = new SplittableRandom(13);
            SentencePairs.Pair pair = pairs.sample(random);
            while (pair.label() != (c.swapped() ? 1 : 0)) {
                pair = pairs.sample(random);
            }
            INDArray expected = Nd4j.createFromArray(new long[][] {pair.inputIds(), pair.tokenTypes()});
            Probe p = Probe.call(probeId(name + c.describe()), "sopExample", literal(intArray(c.a())),
                    literal(intArray(c.b())), literal(c.swapped()), literal(c.cls()), literal(c.sep()));
            cases.add(new Expectation(p, expected, c.describe()));
        }
        return new GradedTest(name, "13.4", 1.25, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: return [2, |A| + |B| + 3]: row 0 the ids [CLS] first [SEP] second [SEP],"
                        + " where first/second are A/B in order, or B/A when swapped; row 1 the token types, 0 from"
                        + " [CLS] up to and including the first [SEP], 1 for the second segment and the last [SEP]."));
    }
}
