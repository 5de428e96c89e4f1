package newarch.grading.assignments;

import static newarch.grading.Probe.literal;
import static newarch.grading.Probe.tensor;
import static newarch.grading.assignments.SelfAttentionAssignment.probeId;
import static newarch.grading.assignments.SelfAttentionAssignment.shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import newarch.grading.Assignment;
import newarch.grading.GradedTest;
import newarch.grading.Probe;
import newarch.grading.assignments.Judges.Expectation;
import newarch.models.distilbert.DistillationLoss;
import newarch.models.distilbert.StudentInitializer;
import newarch.models.gpt.GptConfig;
import newarch.tensor.GradMode;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Assignment 14, DistilBERT: softmax with temperature, the T²-scaled KL soft-target loss, the teacher layers that
 * initialise the student, and GPT-2's parameter count from its shapes. Expected values come from the library
 * ({@link Tensor#softmax}, {@link DistillationLoss}'s soft-target term, {@link StudentInitializer#everyOther},
 * {@link GptConfig#parameterCount}); hidden tests use other temperatures (below and above 1), shapes, large logits,
 * depths and the GPT-2 medium/XL and Megatron-LM shapes.
 */
public final class DistilBertAssignment implements Assignment {
    @Override
    public String id() {
        return "14-distilbert";
    }

    @Override
    public String title() {
        return "DistilBERT: temperature, soft targets, the student's layers and GPT-2's size";
    }

    @Override
    public List<GradedTest> tests() {
        Inputs in = new Inputs(1414);
        return List.of(
                softmax("14.1 softmax with temperature: [3, 5], T = 2", false, in, new double[][] {{3, 5, 2, 1}}),
                softmax("14.1 softmax with temperature: T = 0.5, T = 10, large logits, [2, 3, 4]", true, in,
                        new double[][] {{4, 6, 0.5, 1}, {2, 7, 10, 1}, {3, 4, 1.5, 40}}),
                softTarget("14.2 soft-target loss: 4 tokens, 6 words, T = 2", false, in, new double[][] {{4, 6, 2}}),
                softTarget("14.2 soft-target loss: T = 1, T = 4, one token", true, in,
                        new double[][] {{3, 9, 1}, {5, 4, 4}, {1, 7, 3}}),
                layers("14.3 teacher layers: a 3-layer student", false, new int[] {3}),
                layers("14.3 teacher layers: 1, 6 and 12 student layers", true, new int[] {1, 6, 12}),
                gpt("14.4 GPT-2 parameters: GPT-2 small", false, new int[][] {{12, 768, 50257, 1024}}),
                gpt("14.4 GPT-2 parameters: medium, XL, Megatron-LM 8.3B, a tiny model", true,
                        new int[][] {{24, 1024, 50257, 1024}, {48, 1600, 50257, 1024}, {72, 3072, 51200, 1024},
                            {2, 8, 30, 10}}));
    }

    /** One probe per {rows, V, T, logit std}; a 3-D case when rows is 3 and V is 4. */
    private static GradedTest softmax(String name, boolean hidden, Inputs in, double[][] cases) {
        List<Expectation> list = new ArrayList<>();
        for (double[] c : cases) {
            long[] shape = c[0] == 3 && c[1] == 4 ? new long[] {2, 3, 4} : new long[] {(long) c[0], (long) c[1]};
            INDArray z = in.scaled(c[3], shape);
            INDArray expected;
            try (GradMode ignored = GradMode.off()) {
                expected = Tensor.constant(z).mul(1.0 / c[2]).softmax(-1).data();
            }
            Probe p = Probe.call(probeId(name + Arrays.toString(c)), "softmaxT", tensor(z), literal(c[2]));
            list.add(new Expectation(p, expected, "softmaxT(z " + shape(z) + ", T = " + c[2] + ")"));
        }
        return new GradedTest(name, "14.1", 1.25, hidden, list.stream().map(Expectation::probe).toList(),
                Judges.allClose(list, "Hint: divide the logits by T (do not multiply), then take the softmax over the"
                        + " last axis, subtracting each row's maximum first so that large logits do not overflow."));
    }

    /** One probe per {N, V, T}; the library's soft-target term on [1, N, V]. */
    private static GradedTest softTarget(String name, boolean hidden, Inputs in, double[][] cases) {
        List<Expectation> list = new ArrayList<>();
        for (double[] c : cases) {
            long n = (long) c[0];
            long v = (long) c[1];
            INDArray student = in.scaled(2, n, v);
            INDArray teacher = in.scaled(2, n, v);
            INDArray expected;
            try (GradMode ignored = GradMode.off()) {
                Tensor h = Tensor.constant(Nd4j.ones(DataType.FLOAT, 1, n, 2));
                expected = new DistillationLoss(c[2], 1, 0, 0).compute(Tensor.constant(student.reshape(1, n, v)),
                        Tensor.constant(teacher.reshape(1, n, v)), h, h, null, null).softTarget().data().reshape(1);
            }
            Probe call = Probe.call(probeId(name + Arrays.toString(c)), "softTargetLoss", tensor(student),
                    tensor(teacher), literal(c[2]));
            // a scalar of shape [] or [1] is fine: the probe flattens what the student returns to [1]
            String code = call.code().substring(0, call.code().length() - 2) + ".data().reshape(1));";
            list.add(new Expectation(new Probe(call.id(), code, call.inputs()), expected,
                    "softTargetLoss(student " + shape(student) + ", teacher " + shape(teacher) + ", T = " + c[2] + ")"));
        }
        return new GradedTest(name, "14.2", 1.5, hidden, list.stream().map(Expectation::probe).toList(),
                Judges.allClose(list, "Hint: soften both with the same T, p = softmax(z / T); the KL divergence of a"
                        + " row is Σ p_t (log p_t − log p_s) — the teacher's distribution weights the sum. Average over"
                        + " the N rows (not over N·V entries) and multiply by T²."));
    }

    private static GradedTest layers(String name, boolean hidden, int[] depths) {
        List<Expectation> list = new ArrayList<>();
        for (int depth : depths) {
            INDArray expected = Nd4j.createFromArray(Arrays.stream(StudentInitializer.everyOther(depth))
                    .asLongStream().toArray());
            Probe p = Probe.call(probeId(name + depth), "teacherLayers", literal(depth));
            list.add(new Expectation(p, expected, "teacherLayers(" + depth + ")"));
        }
        return new GradedTest(name, "14.3", 1, hidden, list.stream().map(Expectation::probe).toList(),
                Judges.allClose(list, "Hint: student layer i starts from teacher layer 2i: 0, 2, 4, … — one entry per"
                        + " student layer, counted from 0."));
    }

    /** One probe per {layers, d, V, P}; heads do not change the count (1 head). */
    private static GradedTest gpt(String name, boolean hidden, int[][] shapes) {
        List<Expectation> list = new ArrayList<>();
        for (int[] s : shapes) {
            long count = GptConfig.of(s[2], s[3], s[1], s[0], 1).parameterCount();
            Probe p = Probe.call(probeId(name + Arrays.toString(s)), "gpt2Parameters", literal(s[0]), literal(s[1]),
                    literal(s[2]), literal(s[3]));
            list.add(new Expectation(p, Nd4j.scalar(DataType.DOUBLE, (double) count), "gpt2Parameters(layers " + s[0]
                    + ", d " + s[1] + ", vocab " + s[2] + ", context " + s[3] + ")"));
        }
        return new GradedTest(name, "14.4", 1.25, hidden, list.stream().map(Expectation::probe).toList(),
                Judges.allClose(list, "Hint: per layer 12d² + 13d (c_attn 3d² + 3d, c_proj d² + d, c_fc 4d² + 4d, its"
                        + " c_proj 4d² + d, two layer norms 4d); add the token table V·d, the position table P·d and"
                        + " the final layer norm 2d; no separate output layer (tied). Compute in long: the large"
                        + " models' counts do not fit in an int."));
    }
}
