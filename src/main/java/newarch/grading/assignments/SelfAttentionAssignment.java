package newarch.grading.assignments;

import static newarch.grading.Probe.literal;
import static newarch.grading.Probe.tensor;

import java.util.List;
import newarch.attention.Masks;
import newarch.attention.ScaledDotProductAttention;
import newarch.grading.Assignment;
import newarch.grading.GradedTest;
import newarch.grading.Probe;
import newarch.grading.assignments.Judges.Expectation;
import newarch.tensor.MatMul;
import newarch.tensor.Reshaping;
import newarch.tensor.Softmax;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Assignment 01, self-attention. The student writes five functions; each is checked against the library
 * on seeded inputs, visibly on a small case and hidden on other sizes and edge cases.
 */
public final class SelfAttentionAssignment implements Assignment {
    @Override
    public String id() {
        return "01-self-attention";
    }

    @Override
    public String title() {
        return "Self-attention";
    }

    @Override
    public List<GradedTest> tests() {
        Inputs in = new Inputs(101);
        return List.of(
                dotProduct("1.1 dot-product relevance: 3 queries, 4 keys", false, in, 3, 4, 5),
                dotProduct("1.1 dot-product relevance: other sizes", true, in, 6, 2, 1),
                additive("1.2 additive relevance: small example", false, in, 3, 4),
                additive("1.2 additive relevance: a single query", true, in, 1, 5),
                temperature("1.3 softmax with temperature: τ = 1", false, in, 1.0, 1.0),
                temperature("1.3 softmax with temperature: τ = 0.25 and large scores stay finite", true, in, 0.25, 60),
                causal("1.4 causal mask: length 4", false, 4),
                causal("1.4 causal mask: lengths 1 and 7", true, 1, 7),
                selfAttention("1.5 self-attention: no mask", false, in, false),
                selfAttention("1.5 self-attention: with the causal mask", true, in, true));
    }

    private static GradedTest dotProduct(String name, boolean hidden, Inputs in, long l, long s, long d) {
        INDArray q = in.normal(l, d);
        INDArray k = in.normal(s, d);
        Probe p = Probe.call(probeId(name), "dotProductScores", tensor(q), tensor(k));
        INDArray expected = MatMul.matmul(Tensor.constant(q), Tensor.constant(k), false, true).data();
        return Judges.single(name, "1.1", 1, hidden, p, expected, "scores for q " + shape(q) + ", k " + shape(k),
                "Hint: score[i][j] is the dot product of query row i with key row j; in matrix form, q times k transposed.");
    }

    private static GradedTest additive(String name, boolean hidden, Inputs in, long l, long s) {
        long dq = 3;
        long dk = 4;
        long h = 5;
        INDArray q = in.normal(l, dq);
        INDArray k = in.normal(s, dk);
        INDArray wq = in.normal(dq, h);
        INDArray wk = in.normal(dk, h);
        INDArray v = in.normal(h);
        Probe p = Probe.call(probeId(name), "additiveScores", tensor(q), tensor(k), tensor(wq), tensor(wk), tensor(v));
        Tensor qh = Reshaping.unsqueeze(MatMul.matmul(Tensor.constant(q), Tensor.constant(wq)), 1);   // [L, 1, h]
        Tensor kh = Reshaping.unsqueeze(MatMul.matmul(Tensor.constant(k), Tensor.constant(wk)), 0);   // [1, S, h]
        INDArray expected = MatMul.matmul(qh.add(kh).tanh(), Tensor.constant(v.reshape(h, 1))).reshape(l, s).data();
        return Judges.single(name, "1.2", 1, hidden, p, expected, "additive scores for q " + shape(q) + ", k " + shape(k),
                "Hint: project the query with Wq and the key with Wk, add them, apply tanh, then take the dot product"
                        + " with v; broadcasting [L,1,h] + [1,S,h] gives every pair at once.");
    }

    private static GradedTest temperature(String name, boolean hidden, Inputs in, double tau, double scale) {
        INDArray scores = in.scaled(scale, 3, 6);
        Probe p = Probe.call(probeId(name), "softmaxWithTemperature", tensor(scores), literal(tau));
        INDArray expected = Softmax.softmax(Tensor.constant(scores).mul(1 / tau), -1).data();
        return Judges.single(name, "1.3", 1, hidden, p, expected, "softmax(scores / " + tau + ")",
                "Hint: divide the scores by τ, subtract each row's maximum (so exp cannot overflow), exponentiate and"
                        + " normalise each row to sum to one.");
    }

    private static GradedTest causal(String name, boolean hidden, int... lengths) {
        List<Expectation> cases = new java.util.ArrayList<>();
        for (int len : lengths) {
            Probe p = Probe.call(probeId(name) + "_" + len, "causalMask", literal(len));
            cases.add(new Expectation(p, Masks.causal(len, len, DataType.FLOAT).data(), "causal mask of length " + len));
        }
        return new GradedTest(name, "1.4", 0.75, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: query i may look at keys j ≤ i: 0 on and below the diagonal,"
                        + " Double.NEGATIVE_INFINITY above it."));
    }

    private static GradedTest selfAttention(String name, boolean hidden, Inputs in, boolean masked) {
        long l = masked ? 5 : 4;
        long d = 6;
        long dk = 4;
        long dv = 3;
        INDArray x = in.normal(l, d);
        INDArray wq = in.normal(d, dk);
        INDArray wk = in.normal(d, dk);
        INDArray wv = in.normal(d, dv);
        Tensor mask = masked ? Masks.causal(l, l, DataType.FLOAT) : null;
        Probe p = Probe.call(probeId(name), "selfAttention", tensor(x), tensor(wq), tensor(wk), tensor(wv),
                masked ? tensor(mask.data()) : literal("null"));
        Tensor xt = Tensor.constant(x);
        INDArray expected = ScaledDotProductAttention.attend(MatMul.matmul(xt, Tensor.constant(wq)),
                MatMul.matmul(xt, Tensor.constant(wk)), MatMul.matmul(xt, Tensor.constant(wv)), mask).output().data();
        return Judges.single(name, "1.5", 1.25, hidden, p, expected,
                "self-attention of x " + shape(x) + (masked ? " with a causal mask" : ""),
                "Hint: Q = x·Wq, K = x·Wk, V = x·Wv; scores = Q·Kᵀ / √d_k (+ mask when it is not null); softmax over"
                        + " each row; the output is weights · V.");
    }

    static String probeId(String testName) {
        return "t" + Integer.toHexString(testName.hashCode() & 0x7fffffff);
    }

    static String shape(INDArray a) {
        return newarch.tensor.Shapes.show(a);
    }
}
