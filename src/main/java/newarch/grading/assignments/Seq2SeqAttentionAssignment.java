package newarch.grading.assignments;

import static newarch.grading.Probe.array;
import static newarch.grading.Probe.literal;
import static newarch.grading.Probe.tensor;
import static newarch.grading.assignments.SelfAttentionAssignment.probeId;
import static newarch.grading.assignments.SelfAttentionAssignment.shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import newarch.attention.AdditiveAttention;
import newarch.attention.AttentionOutput;
import newarch.attention.Masks;
import newarch.grading.Assignment;
import newarch.grading.GradedTest;
import newarch.grading.NumericCheck;
import newarch.grading.Probe;
import newarch.grading.Verdict;
import newarch.grading.assignments.Judges.Expectation;
import newarch.nn.Embedding;
import newarch.nn.GRU;
import newarch.tensor.GradMode;
import newarch.tensor.Indexing;
import newarch.tensor.MatMul;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Assignment 04, sequence to sequence with attention: one-hot encoding, the embedding lookup as a matrix product, a
 * GRU step, Bahdanau's additive scores and alignment weights with padding, and the context vector. Every expected
 * value comes from the library module the exercise re-implements (Indexing, Embedding, GRU, AdditiveAttention).
 */
public final class Seq2SeqAttentionAssignment implements Assignment {
    private static final String ALIGNMENT_HINT = "Hint: a padded position must get weight exactly 0 while the real"
            + " positions still sum to 1, so the padding has to act on the scores before the softmax (a score of −∞"
            + " has weight 0), not on the weights after it; subtracting each row's maximum keeps large scores finite.";

    @Override
    public String id() {
        return "04-seq2seq-attention";
    }

    @Override
    public String title() {
        return "Sequence to sequence with attention";
    }

    @Override
    public List<GradedTest> tests() {
        Inputs in = new Inputs(404);
        return List.of(
                oneHot("4.1 one-hot: ids [2,3], 6 tokens", false, new long[][] {{4, 0, 5}, {1, 2, 4}}, 6),
                oneHot("4.1 one-hot: 1-d ids with the first and last id, and 3-d ids", true, null, 0),
                lookup("4.2 embedding lookup: ids [2,3], table [6,4]", false, Nd4j.createFromArray(new long[][] {{5, 0, 3},
                        {3, 3, 1}}), 6, 4),
                lookup("4.2 embedding lookup: 1-d ids with repeats, table [5,3]", true,
                        Nd4j.createFromArray(4L, 4L, 0L, 2L, 4L, 1L, 3L), 5, 3),
                gruStep("4.3 GRU step: batch 2, input 3, hidden 4", false, in, new int[][] {{2, 3, 4}}, 1),
                gruStep("4.3 GRU step: batch 1 and 3, other widths, saturated gates", true, in,
                        new int[][] {{1, 5, 2}, {3, 2, 3}}, 3),
                scores("4.4 additive scores: batch 2, 6 source positions", false, in, new int[][] {{2, 6, 3, 5, 4}}),
                scores("4.4 additive scores: other widths, a single source position", true, in,
                        new int[][] {{3, 4, 2, 3, 6}, {1, 1, 4, 2, 3}}),
                alignment("4.4 alignment weights: one row padded", false, in, 1, new int[] {5, 3}),
                alignment("4.4 alignment weights: large scores, the largest one at a padded position", true, in, 60,
                        new int[] {6, 2, 4}),
                context("4.5 context vector: the weights of AdditiveAttention", false, in),
                context("4.5 context vector: zeros at padding, a single source position", true, in));
    }

    private static GradedTest oneHot(String name, boolean hidden, long[][] ids, int vocab) {
        List<Expectation> cases = new ArrayList<>();
        if (!hidden) {
            cases.add(oneHotCase(name, Nd4j.createFromArray(ids), vocab));
        } else {
            cases.add(oneHotCase(name + "_a", Nd4j.createFromArray(0L, 6L, 3L, 0L, 2L), 7));
            cases.add(oneHotCase(name + "_b", Nd4j.createFromArray(new long[][][] {{{1, 3}, {0, 0}}, {{2, 1}, {3, 3}}}), 4));
        }
        return new GradedTest(name, "4.1", 0.75, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: the result has the ids' shape plus one last axis of length vocabSize,"
                        + " with a single 1 at each id's position along that axis."));
    }

    private static Expectation oneHotCase(String key, INDArray ids, int vocab) {
        Probe p = Probe.call(probeId(key), "oneHot", array(ids), literal(vocab));
        return new Expectation(p, Indexing.oneHot(ids, vocab, DataType.FLOAT).data(),
                "oneHot(ids " + shape(ids) + ", " + vocab + ")");
    }

    private static GradedTest lookup(String name, boolean hidden, INDArray ids, int vocab, int dim) {
        Embedding embedding = new Embedding(vocab, dim, new Rng(name.hashCode()));
        Probe p = Probe.call(probeId(name), "embeddingLookup", tensor(embedding.weight().data()), array(ids));
        INDArray expected;
        try (GradMode ignored = GradMode.off()) {
            expected = embedding.forward(ids).data();
        }
        return Judges.single(name, "4.2", 0.75, hidden, p, expected,
                "embeddingLookup(table " + shape(embedding.weight().data()) + ", ids " + shape(ids) + ")",
                "Hint: one-hot [..., V] times table [V, d] gives [..., d]; each one-hot row picks one row of the table.");
    }

    /** One probe per {batch, input, hidden}: the student's step against one step of the library's fused GRU. */
    private static GradedTest gruStep(String name, boolean hidden, Inputs in, int[][] sizes, double inputScale) {
        List<Expectation> cases = new ArrayList<>();
        for (int[] s : sizes) {
            GRU gru = new GRU(s[1], s[2], new Rng(Arrays.hashCode(s)));
            Map<String, Tensor> w = gru.namedParameters();
            INDArray x = in.scaled(inputScale, s[0], s[1]);
            INDArray h = in.normal(s[0], s[2]);
            String key = name + Arrays.toString(s);
            Probe p = Probe.call(probeId(key), "gruCell", tensor(x), tensor(h), tensor(w.get("weight_ih_l0").data()),
                    tensor(w.get("weight_hh_l0").data()), tensor(w.get("bias_ih_l0").data()),
                    tensor(w.get("bias_hh_l0").data()));
            INDArray expected;
            try (GradMode ignored = GradMode.off()) {
                expected = gru.forward(Tensor.constant(x.reshape(s[0], 1, s[1])), Tensor.constant(h.reshape(1, s[0], s[2])))
                        .hidden().data().reshape(s[0], s[2]);
            }
            cases.add(new Expectation(p, expected, "gruCell(x " + shape(x) + ", h " + shape(h) + ")"));
        }
        return new GradedTest(name, "4.3", 1.25, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: x·W_ihᵀ + b_ih and h·W_hhᵀ + b_hh each split into three [B, H] blocks in"
                        + " the order r, z, n; r and z add their two blocks, n = tanh(input block + r ⊙ hidden block),"
                        + " and h' = (1 − z) ⊙ n + z ⊙ h."));
    }

    /** One probe per {batch, source length, query width n, key width m, scoring width a}. */
    private static GradedTest scores(String name, boolean hidden, Inputs in, int[][] sizes) {
        List<Expectation> cases = new ArrayList<>();
        for (int[] s : sizes) {
            int b = s[0];
            int len = s[1];
            AdditiveAttention attention = new AdditiveAttention(s[2], s[3], s[4], new Rng(Arrays.hashCode(s)));
            Map<String, Tensor> w = attention.namedParameters();
            INDArray query = in.normal(b, s[2]);
            INDArray keys = in.normal(b, len, s[3]);
            String key = name + Arrays.toString(s);
            Probe p = Probe.call(probeId(key), "additiveScores", tensor(query), tensor(keys),
                    tensor(w.get("W_q.weight").data()), tensor(w.get("W_k.weight").data()),
                    tensor(w.get("w_v.weight").data().reshape(s[4])));
            INDArray expected;
            try (GradMode ignored = GradMode.off()) {
                expected = attention.scores(Tensor.constant(query.reshape(b, 1, s[2])), Tensor.constant(keys)).data()
                        .reshape(b, len);
            }
            cases.add(new Expectation(p, expected, "additiveScores(query " + shape(query) + ", keys " + shape(keys)
                    + ", w [" + s[4] + "," + s[2] + "], u [" + s[4] + "," + s[3] + "], v [" + s[4] + "])"));
        }
        return new GradedTest(name, "4.4", 0.75, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: W s is query·wᵀ [B, a] and U h_j is keys·uᵀ [B, S, a]; add them with the"
                        + " query term broadcast over the S positions ([B, 1, a]), apply tanh, and take the dot product"
                        + " of every [a] vector with v."));
    }

    /** Scores [B, S] times {@code scale}, each row padded after its length; the largest score sits at a padded position. */
    private static GradedTest alignment(String name, boolean hidden, Inputs in, double scale, int[] lengths) {
        int b = lengths.length;
        int len = Arrays.stream(lengths).max().orElseThrow();
        INDArray scores = in.scaled(scale, b, len);
        INDArray padding = Nd4j.zeros(DataType.FLOAT, b, len);
        for (int row = 0; row < b; row++) {
            for (int j = lengths[row]; j < len; j++) {
                padding.putScalar(row, j, 1);
                scores.putScalar(row, j, scores.getDouble(row, j) + 3 * scale);   // attractive, but padding
            }
        }
        Probe p = Probe.call(probeId(name), "alignmentWeights", tensor(scores), array(padding));
        INDArray expected = Tensor.constant(scores).add(Masks.keyPadding(padding, 2, DataType.FLOAT)).softmax(-1).data();
        String what = "alignmentWeights(scores " + shape(scores) + ", padding with lengths " + Arrays.toString(lengths) + ")";
        return new GradedTest(name, "4.4", 0.75, hidden, List.of(p), results -> alignmentVerdict(what, expected,
                results.value(p.id()), padding));
    }

    /** The numeric comparison, and when it fails, what is wrong with the rows: their sums and their padded weights. */
    private static Verdict alignmentVerdict(String what, INDArray expected, INDArray got, INDArray padding) {
        Verdict v = NumericCheck.compare(what, expected, got, Judges.RTOL, Judges.ATOL, ALIGNMENT_HINT);
        if (v.passed() || got == null || !Arrays.equals(expected.shape(), got.shape())) {
            return v;
        }
        String values = NumericCheck.compare(what, expected, got, Judges.RTOL, Judges.ATOL, "").message().strip();
        INDArray g = got.castTo(DataType.DOUBLE);
        StringBuilder diagnosis = new StringBuilder();
        for (int row = 0; row < g.size(0); row++) {
            double sum = g.getRow(row).sumNumber().doubleValue();
            double onPadding = g.getRow(row).mul(padding.getRow(row).castTo(DataType.DOUBLE)).sumNumber().doubleValue();
            if (Double.isNaN(sum)) {
                diagnosis.append(" Row ").append(row).append(" of your weights holds NaN (did exp overflow?).");
            } else if (Math.abs(sum - 1) > 1e-4) {
                diagnosis.append(String.format(java.util.Locale.ROOT, " Row %d of your weights sums to %.4f, not 1.", row, sum));
            }
            if (Math.abs(onPadding) > 1e-6) {
                diagnosis.append(String.format(java.util.Locale.ROOT, " Row %d puts weight %.4f on padded positions.", row, onPadding));
            }
        }
        return diagnosis.length() == 0 ? v : new Verdict(v.fraction(), values + diagnosis + " " + ALIGNMENT_HINT);
    }

    private static GradedTest context(String name, boolean hidden, Inputs in) {
        List<Expectation> cases = new ArrayList<>();
        if (!hidden) {
            AdditiveAttention attention = new AdditiveAttention(3, 4, 5, new Rng(405));
            INDArray query = in.normal(2, 1, 3);
            INDArray keys = in.normal(2, 5, 4);
            AttentionOutput out;
            try (GradMode ignored = GradMode.off()) {
                out = attention.forward(Tensor.constant(query), Tensor.constant(keys), Tensor.constant(keys), null);
            }
            cases.add(contextCase(name, out.weights().data().reshape(2, 5), keys, out.output().data().reshape(2, 4)));
        } else {
            INDArray weights = Nd4j.createFromArray(new float[][] {{0.5f, 0.25f, 0.25f, 0}, {0.1f, 0.9f, 0, 0},
                    {0.25f, 0.25f, 0.25f, 0.25f}});
            INDArray keys = in.normal(3, 4, 2);
            cases.add(contextCase(name + "_a", weights, keys, null));
            cases.add(contextCase(name + "_b", Nd4j.ones(DataType.FLOAT, 1, 1), in.normal(1, 1, 3), null));
        }
        return new GradedTest(name, "4.5", 0.75, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: c = Σ_j α_j h_j for every row of the batch: as a batched product,"
                        + " weights [B, 1, S] times keys [B, S, m] gives [B, 1, m]."));
    }

    /** {@code expected} from the library when given, else the batched product Σ_j α_j h_j. */
    private static Expectation contextCase(String key, INDArray weights, INDArray keys, INDArray expected) {
        Probe p = Probe.call(probeId(key), "contextVector", tensor(weights), tensor(keys));
        INDArray value = expected != null ? expected
                : MatMul.matmul(Tensor.constant(weights.reshape(weights.size(0), 1, weights.size(1))), Tensor.constant(keys))
                        .data().reshape(keys.size(0), keys.size(2));
        return new Expectation(p, value, "contextVector(weights " + shape(weights) + ", keys " + shape(keys) + ")");
    }
}
