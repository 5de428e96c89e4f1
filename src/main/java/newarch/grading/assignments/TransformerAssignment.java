package newarch.grading.assignments;

import static newarch.grading.Probe.literal;
import static newarch.grading.Probe.tensor;
import static newarch.grading.assignments.SelfAttentionAssignment.probeId;
import static newarch.grading.assignments.SelfAttentionAssignment.shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newarch.attention.Masks;
import newarch.attention.ScaledDotProductAttention;
import newarch.grading.Assignment;
import newarch.grading.GradedTest;
import newarch.grading.Probe;
import newarch.grading.assignments.Judges.Expectation;
import newarch.nn.Dropout;
import newarch.nn.FeedForward;
import newarch.nn.LayerNorm;
import newarch.nn.Residual;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import newarch.train.CrossEntropy;
import newarch.train.NoamSchedule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Assignment 03, the Transformer: layer normalisation, the post-norm feed-forward sublayer, the Noam learning rate,
 * label-smoothed cross-entropy and decoder self-attention under the causal and padding masks. Every expected value
 * comes from the library class the lecture uses ({@link LayerNorm}, {@link FeedForward} with {@link Residual},
 * {@link NoamSchedule}, {@link CrossEntropy}, {@link Masks} with {@link ScaledDotProductAttention}).
 */
public final class TransformerAssignment implements Assignment {
    static final double LAYER_NORM_EPS = 1e-5;

    @Override
    public String id() {
        return "03-transformer";
    }

    @Override
    public String title() {
        return "The Transformer";
    }

    @Override
    public List<GradedTest> tests() {
        Inputs in = new Inputs(303);
        return List.of(
                layerNorm("3.1 layer norm: [2,3,4]", false, in, 0, 2, 3, 4),
                // Values far from zero: E[x²] − E[x]² loses every digit of the variance in float32.
                layerNorm("3.1 layer norm: one position of width 16, values around 1000", true, in, 1000, 1, 16),
                feedForwardSublayer("3.2 Add & Norm around the feed-forward network: d = 4, d_ff = 8", false, in, 2, 3, 4, 8),
                feedForwardSublayer("3.2 Add & Norm around the feed-forward network: batch 3, d = 6", true, in, 3, 5, 6, 12),
                noam("3.3 Noam rate: d_model 512, warmup 4000", false, 512, 4000, 1.0,
                        new long[] {1, 100, 2000, 3999, 4000, 4001, 10000, 100000}),
                noam("3.3 Noam rate: warmup 1, factor 2 and the step where the two branches meet", true, 64, 1, 2.0,
                        new long[] {1, 2, 50}, 128, 10, 0.5, new long[] {1, 9, 10, 11, 1000}),
                labelSmoothing("3.4 label-smoothed cross-entropy: ε = 0.1, 5 classes", false, in, 4, 5, 0.1, -100,
                        new long[] {0, 3, 4, 1}, 1),
                labelSmoothing("3.4 label-smoothed cross-entropy: ignored padding targets and large logits", true, in,
                        6, 7, 0.2, 0, new long[] {3, 0, 6, 1, 0, 2}, 40),
                maskedSelfAttention("3.5 masked self-attention: causal + padding, batch 2", false, in, 2, 4, 3,
                        new int[] {4, 2}),
                maskedSelfAttention("3.5 masked self-attention: batch 3, lengths 5, 1 and 3", true, in, 3, 5, 4,
                        new int[] {5, 1, 3}));
    }

    private static GradedTest layerNorm(String name, boolean hidden, Inputs in, double offset, long... shape) {
        long d = shape[shape.length - 1];
        INDArray x = in.normal(shape).addi(offset);
        INDArray gamma = in.scaled(0.5, d).addi(1);
        INDArray beta = in.scaled(0.5, d);
        Probe p = Probe.call(probeId(name), "layerNorm", tensor(x), tensor(gamma), tensor(beta), literal(LAYER_NORM_EPS));
        INDArray expected = libraryLayerNorm(d, gamma, beta).forward(Tensor.constant(x)).data();
        return Judges.single(name, "3.1", 1, hidden, p, expected, "layerNorm(x " + shape(x) + ")",
                "Hint: normalise each position over its last dimension: subtract that position's mean, divide by"
                        + " √(variance + eps) with the biased variance (divide by d, not d − 1) computed from the"
                        + " centred values, then scale by γ and shift by β.");
    }

    private static LayerNorm libraryLayerNorm(long d, INDArray gamma, INDArray beta) {
        LayerNorm norm = new LayerNorm(d, LAYER_NORM_EPS);
        norm.loadStateDict(Map.of("weight", gamma, "bias", beta), true);
        return norm;
    }

    private static GradedTest feedForwardSublayer(String name, boolean hidden, Inputs in, long b, long l, long d,
                                                  long dff) {
        INDArray x = in.normal(b, l, d);
        INDArray w1 = in.scaled(0.7, d, dff);       // used as x · W1, so [d, d_ff]
        INDArray b1 = in.scaled(0.3, dff);
        INDArray w2 = in.scaled(0.7, dff, d);
        INDArray b2 = in.scaled(0.3, d);
        INDArray gamma = in.scaled(0.3, d).addi(1);
        INDArray beta = in.scaled(0.3, d);
        Probe p = Probe.call(probeId(name), "feedForwardSublayer", tensor(x), tensor(w1), tensor(b1), tensor(w2),
                tensor(b2), tensor(gamma), tensor(beta));
        // The library's layer: PyTorch's Linear stores W as [out, in], the transpose of the student's x · W1.
        FeedForward ffn = new FeedForward(d, dff, "relu", 0, true, new Rng(0));
        ffn.loadStateDict(Map.of("linear1.weight", w1.transpose().dup(), "linear1.bias", b1,
                "linear2.weight", w2.transpose().dup(), "linear2.bias", b2), true);
        INDArray expected = Residual.apply(false, libraryLayerNorm(d, gamma, beta), new Dropout(0, new Rng(0)),
                Tensor.constant(x), ffn::forward).data();
        return Judges.single(name, "3.2", 1, hidden, p, expected, "feedForwardSublayer(x " + shape(x) + ", d_ff " + dff + ")",
                "Hint: post-norm is LayerNorm(x + Sublayer(x)) with Sublayer(x) = relu(x·W1 + b1)·W2 + b2: add the"
                        + " residual before normalising, not after, and reuse your layerNorm with eps 1e-5.");
    }

    /**
     * One probe per (d_model, warmup, factor) group that evaluates the student's function at several steps in the
     * student JVM and returns them as one vector, so one message shows the worst step.
     */
    private static GradedTest noam(String name, boolean hidden, Object... groups) {
        List<Expectation> cases = new ArrayList<>();
        for (int g = 0; g < groups.length; g += 4) {
            int dModel = (Integer) groups[g];
            int warmup = (Integer) groups[g + 1];
            double factor = (Double) groups[g + 2];
            long[] steps = (long[]) groups[g + 3];
            String id = probeId(name) + "_" + g;
            String call = "java.util.stream.LongStream.of(" + joined(steps) + ").mapToDouble(s -> noamRate(" + dModel
                    + ", " + warmup + ", " + factor + ", s)).toArray()";
            Probe p = new Probe(id, "newarch.sandbox.ProbeSink.save(\"" + id + "\", org.nd4j.linalg.factory.Nd4j"
                    + ".createFromArray(" + call + "));", Map.of());
            NoamSchedule schedule = new NoamSchedule(dModel, warmup, factor);
            double[] expected = Arrays.stream(steps).mapToDouble(schedule::rate).toArray();
            cases.add(new Expectation(p, Nd4j.createFromArray(expected), "noamRate(" + dModel + ", " + warmup + ", "
                    + factor + ", step) at steps " + Arrays.toString(steps) + " (element i is step i of that list)"));
        }
        return new GradedTest(name, "3.3", 1, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: lr = factor · d_model^(−1/2) · min(step^(−1/2), step · warmup^(−3/2)):"
                        + " a linear rise for warmup steps, then decay with 1/√step; both branches are equal at"
                        + " step = warmup."));
    }

    private static String joined(long[] values) {
        StringBuilder s = new StringBuilder();
        for (long v : values) {
            s.append(s.length() == 0 ? "" : ", ").append(v).append('L');
        }
        return s.toString();
    }

    private static GradedTest labelSmoothing(String name, boolean hidden, Inputs in, long n, long c, double smoothing,
                                             long ignoreIndex, long[] targets, double logitScale) {
        INDArray logits = in.scaled(logitScale, n, c);
        INDArray t = Nd4j.createFromArray(targets);
        String id = probeId(name);
        String targetsName = id + "_targets";
        Probe call = Probe.call(id, "labelSmoothedCrossEntropy", tensor(logits),
                literal("newarch.sandbox.ProbeSink.input(\"" + targetsName + "\")"), literal(smoothing),
                literal(ignoreIndex + "L"));
        Map<String, INDArray> inputs = new LinkedHashMap<>(call.inputs());
        inputs.put(targetsName, t);   // the library's loss takes targets as an INDArray of class ids, not a Tensor
        Probe p = new Probe(id, call.code(), inputs);
        INDArray expected = new CrossEntropy(smoothing, ignoreIndex, CrossEntropy.Reduction.MEAN)
                .loss(Tensor.constant(logits), t).data();
        return Judges.single(name, "3.4", 1, hidden, p, expected,
                "labelSmoothedCrossEntropy(logits " + shape(logits) + ", targets " + Arrays.toString(targets)
                        + ", ε = " + smoothing + ", ignoreIndex " + ignoreIndex + ")",
                "Hint: the target distribution is (1 − ε)·one-hot + ε/C over all C classes (the correct class too);"
                        + " the loss of a row is −Σ target·log_softmax(logits), with log_softmax computed stably"
                        + " (subtract the row maximum); average over the rows whose target is not ignoreIndex.");
    }

    private static GradedTest maskedSelfAttention(String name, boolean hidden, Inputs in, long b, long l, long d,
                                                  int[] lengths) {
        INDArray x = in.normal(b, l, d);
        INDArray padding = Nd4j.zeros(DataType.FLOAT, b, l);   // 1 at padded positions, as key_padding_mask
        for (int i = 0; i < b; i++) {
            for (int j = lengths[i]; j < l; j++) {
                padding.putScalar(i, j, 1);
            }
        }
        String id = probeId(name);
        String paddingName = id + "_padding";
        Probe call = Probe.call(id, "maskedSelfAttention", tensor(x),
                literal("newarch.sandbox.ProbeSink.input(\"" + paddingName + "\")"));
        Map<String, INDArray> inputs = new LinkedHashMap<>(call.inputs());
        inputs.put(paddingName, padding);
        Probe p = new Probe(id, call.code(), inputs);
        Tensor mask = Masks.combine(Masks.causal(l, l, DataType.FLOAT), Masks.keyPadding(padding, 3, DataType.FLOAT));
        Tensor xt = Tensor.constant(x);
        INDArray expected = ScaledDotProductAttention.attend(xt, xt, xt, mask).output().data();
        return Judges.single(name, "3.5", 1, hidden, p, expected,
                "maskedSelfAttention(x " + shape(x) + ", padding for lengths " + Arrays.toString(lengths) + ")",
                "Hint: query t may read key s only if s ≤ t (causal, [T, T]) and s is not padding ([B, 1, T]);"
                        + " add both as −∞ to the scores x·xᵀ/√d (they broadcast to [B, T, T]) before the softmax.");
    }
}
