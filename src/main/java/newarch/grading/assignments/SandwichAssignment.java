package newarch.grading.assignments;

import static newarch.grading.Probe.literal;
import static newarch.grading.Probe.tensor;
import static newarch.grading.assignments.SelfAttentionAssignment.probeId;
import static newarch.grading.assignments.SelfAttentionAssignment.shape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import newarch.grading.GradedTest;
import newarch.grading.Assignment;
import newarch.grading.Probe;
import newarch.grading.ProbeResults;
import newarch.grading.Verdict;
import newarch.grading.assignments.Judges.Expectation;
import newarch.models.sandwich.SandwichConfig;
import newarch.models.sandwich.SublayerOrder;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import newarch.train.CrossEntropy;
import newarch.train.Perplexity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Assignment 05, the sandwich transformer: sublayer orders as words over {s, f}, perplexity, applying sublayers in
 * a given order, and why every order of n s and n f has the same parameters. Orders, validity and parameter counts
 * are words, booleans and integers, so their probes are judged exactly rather than within a float tolerance.
 */
public final class SandwichAssignment implements Assignment {
    private static final String PROBE_SINK = "newarch.sandbox.ProbeSink";

    @Override
    public String id() {
        return "05-sandwich-transformer";
    }

    @Override
    public String title() {
        return "The sandwich transformer";
    }

    @Override
    public List<GradedTest> tests() {
        Inputs in = new Inputs(505);
        return List.of(
                sandwich("5.1 sandwich order: n = 3, k = 1 and n = 2, k = 0", false, 1, new int[][] {{3, 1}, {2, 0}}),
                sandwich("5.1 sandwich order: the paper's n = 16, k = 6, and the extremes", true, 1,
                        new int[][] {{16, 6}, {4, 4}, {5, 3}, {1, 0}}),
                valid("5.2 valid orders: \"sfsf\", \"ssf\", \"sxfs\"", false, 0.5, "sfsf", "ssf", "sxfs"),
                valid("5.2 valid orders: empty, upper case, odd length, other arrangements", true, 1,
                        "", "SF", "ffss", "sfs", "fssf", "sssfsfff", "sfsfs"),
                perplexity("5.3 perplexity: logits [2,3,5], no padding", false, 1, in, 2, 3, 5, 1, false),
                perplexity("5.3 perplexity: PAD targets are not counted", true, 1, in, 3, 4, 6, 1, true),
                perplexity("5.3 perplexity: confident logits stay finite", true, 0.5, in, 2, 4, 7, 40, false),
                inOrder("5.4 apply sublayers in order: \"sfsf\"", false, 1, in, "sfsf"),
                inOrder("5.4 apply sublayers in order: \"ssfsff\" and \"fssf\"", true, 1, in, "ssfsff", "fssf"),
                parameters("5.5 parameter count: a small pre-norm model", false, 1,
                        new Object[] {50, 16, 8, 2, 32, 2, 1, true}),
                parameters("5.5 parameter count: every k, post-norm, and a paper-sized model", true, 1,
                        new Object[] {50, 16, 16, 4, 64, 3, 2, true},
                        new Object[] {50, 16, 8, 4, 32, 3, 0, false},
                        new Object[] {267_735, 512, 1024, 16, 4096, 16, 6, true}));
    }

    // ---- 5.1 ---------------------------------------------------------------------------------------------------

    private static GradedTest sandwich(String name, boolean hidden, double points, int[][] cases) {
        List<WordCase> words = new ArrayList<>();
        for (int[] c : cases) {
            String call = "sandwichOrder(" + c[0] + ", " + c[1] + ")";
            words.add(new WordCase(wordProbe(probeId(name) + "_" + c[0] + "_" + c[1], call),
                    SublayerOrder.sandwich(c[0], c[1]).toString(), call));
        }
        return new GradedTest(name, "5.1", points, hidden, words.stream().map(WordCase::probe).toList(),
                words(words, "Hint: the sandwich has 2n sublayers: k attention sublayers, then the n − k ordinary"
                        + " layers \"sf\", then k feed-forward sublayers (String.repeat is handy)."));
    }

    private record WordCase(Probe probe, String expected, String call) {
    }

    /**
     * A probe for a function that returns a String. The sink takes numbers, so the word travels as its code points,
     * wrapped in '<' and '>' so that an empty word and a null still arrive as something to show the student.
     */
    private static Probe wordProbe(String id, String call) {
        return new Probe(id, PROBE_SINK + ".save(\"" + id + "\", org.nd4j.linalg.factory.Nd4j.createFromArray((\"<\" + "
                + call + " + \">\").codePoints().asDoubleStream().toArray()));", Map.of());
    }

    private static String decodeWord(INDArray codePoints) {
        StringBuilder sb = new StringBuilder();
        for (double c : codePoints.castTo(DataType.DOUBLE).data().asDouble()) {
            sb.appendCodePoint((int) c);
        }
        String s = sb.toString();
        return s.startsWith("<") && s.endsWith(">") ? s.substring(1, s.length() - 1) : s;
    }

    private static Function<ProbeResults, Verdict> words(List<WordCase> cases, String hint) {
        return results -> {
            List<String> lines = new ArrayList<>();
            int passed = 0;
            for (WordCase c : cases) {
                String got = decodeWord(results.value(c.probe().id()));
                if (got.equals(c.expected())) {
                    passed++;
                    lines.add(c.call() + ": correct (\"" + got + "\").");
                } else {
                    lines.add(c.call() + ": expected \"" + c.expected() + "\" (" + c.expected().length()
                            + " sublayers) but got \"" + got + "\" (" + got.length() + " characters).");
                }
            }
            return verdict(passed, cases.size(), lines, hint);
        };
    }

    // ---- 5.2 ---------------------------------------------------------------------------------------------------

    private static GradedTest valid(String name, boolean hidden, double points, String... orders) {
        List<Probe> probes = new ArrayList<>();
        List<Boolean> expected = new ArrayList<>();
        List<String> calls = new ArrayList<>();
        for (int i = 0; i < orders.length; i++) {
            String call = "isValidOrder(\"" + orders[i] + "\")";
            probes.add(Probe.call(probeId(name) + "_" + i, "isValidOrder", literal("\"" + orders[i] + "\"")));
            expected.add(SublayerOrder.isValid(orders[i]));
            calls.add(call);
        }
        return new GradedTest(name, "5.2", points, hidden, probes, results -> {
            List<String> lines = new ArrayList<>();
            int passed = 0;
            for (int i = 0; i < probes.size(); i++) {
                boolean got = results.value(probes.get(i).id()).getDouble(0) != 0;
                if (got == expected.get(i)) {
                    passed++;
                    lines.add(calls.get(i) + ": correct (" + got + ").");
                } else {
                    lines.add(calls.get(i) + ": expected " + expected.get(i) + " but got " + got + ".");
                }
            }
            return verdict(passed, probes.size(), lines, "Hint: a valid order is a non-empty word of lower-case s and f"
                    + " only, with as many s as f (otherwise its parameter count differs from the interleaved model's).");
        });
    }

    // ---- 5.3 ---------------------------------------------------------------------------------------------------

    private static GradedTest perplexity(String name, boolean hidden, double points, Inputs in, long b, long l,
                                         long v, double scale, boolean padded) {
        INDArray logits = in.scaled(scale, b, l, v);
        // Targets 1..v-1, seeded; with padding, the last positions of every row but the first are PAD (0), as in a
        // batch of sentences of different lengths.
        Rng draw = new Rng(5000 + 100 * b + l);
        long[][] ids = new long[(int) b][(int) l];
        for (int i = 0; i < b; i++) {
            for (int t = 0; t < l; t++) {
                ids[i][t] = padded && i > 0 && t >= l - i ? 0 : 1 + draw.nextInt((int) v - 1);
            }
        }
        INDArray targets = Nd4j.createFromArray(ids);
        String id = probeId(name);
        Probe p = new Probe(id, PROBE_SINK + ".save(\"" + id + "\", perplexity(" + PROBE_SINK + ".tensorInput(\"" + id
                + "_logits\"), " + PROBE_SINK + ".input(\"" + id + "_targets\")));",
                orderedMap(id + "_logits", logits, id + "_targets", targets));
        double want = Perplexity.of(Tensor.constant(logits), targets);
        // The most common mistake has a recognisable value: PAD positions averaged in as if they were predictions.
        double withPad = Math.exp(new CrossEntropy().loss(Tensor.constant(logits).permute(0, 2, 1), targets).data()
                .getDouble(0));
        String what = "perplexity(logits " + shape(logits) + ", targets " + shape(targets)
                + (padded ? " with PAD targets" : "") + ")";
        return new GradedTest(name, "5.3", points, hidden, List.of(p), results -> {
            double got = results.value(id).getDouble(0);
            if (Math.abs(got - want) <= Judges.ATOL + Judges.RTOL * Math.abs(want)) {
                return Verdict.pass(what + ": correct (" + number(got) + ").");
            }
            String diagnosis = padded && Math.abs(got - withPad) <= Judges.ATOL + Judges.RTOL * withPad
                    ? " That is the perplexity with the PAD positions counted as predictions: leave out every position"
                    + " whose target is 0, from the sum and from the count." : "";
            return Verdict.fail(what + ": expected " + number(want) + " but got " + number(got) + " (tolerance "
                    + Judges.ATOL + " + " + Judges.RTOL + "·|expected|)." + diagnosis + " Hint: perplexity is exp of"
                    + " the mean of −log softmax(logits)[target] over the positions whose target is not PAD (0); use a"
                    + " log-softmax (it subtracts the maximum) rather than log(softmax).");
        });
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "NaN" : Double.isInfinite(v) ? (v > 0 ? "+inf" : "-inf") : String.format(Locale.ROOT, "%.6g", v);
    }

    private static Map<String, INDArray> orderedMap(String k1, INDArray v1, String k2, INDArray v2) {
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    // ---- 5.4 ---------------------------------------------------------------------------------------------------

    /**
     * Stand-in sublayers that do not commute, each with its own weights, so that the result shows both the order and
     * which sublayer ran where: the j-th s is h + tanh(h·A_j), the j-th f is h + relu(h·B_j).
     */
    private static GradedTest inOrder(String name, boolean hidden, double points, Inputs in, String... orders) {
        List<Expectation> cases = new ArrayList<>();
        long d = 4;
        for (String order : orders) {
            String id = probeId(name) + "_" + order;
            int n = order.length() / 2;
            Map<String, INDArray> inputs = new LinkedHashMap<>();
            INDArray x = in.normal(2, 3, d);
            inputs.put(id + "_x", x);
            List<UnaryOperator<Tensor>> attention = new ArrayList<>();
            List<UnaryOperator<Tensor>> feedForward = new ArrayList<>();
            List<String> attentionCode = new ArrayList<>();
            List<String> feedForwardCode = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                INDArray a = in.scaled(0.7, d, d);
                INDArray w = in.scaled(0.7, d, d);
                inputs.put(id + "_s" + j, a);
                inputs.put(id + "_f" + j, w);
                attention.add(h -> h.add(h.matmul(Tensor.constant(a)).tanh()));
                feedForward.add(h -> h.add(h.matmul(Tensor.constant(w)).relu()));
                attentionCode.add(sublayerCode(id + "_s" + j, "tanh"));
                feedForwardCode.add(sublayerCode(id + "_f" + j, "relu"));
            }
            Tensor h = Tensor.constant(x);
            int s = 0;
            int f = 0;
            for (char c : order.toCharArray()) {
                h = c == 's' ? attention.get(s++).apply(h) : feedForward.get(f++).apply(h);
            }
            String code = PROBE_SINK + ".save(\"" + id + "\", applyInOrder(" + PROBE_SINK + ".tensorInput(\"" + id
                    + "_x\"), \"" + order + "\", java.util.List.of(" + String.join(", ", attentionCode)
                    + "), java.util.List.of(" + String.join(", ", feedForwardCode) + ")));";
            cases.add(new Expectation(new Probe(id, code, inputs), h.data(),
                    "applyInOrder(x " + shape(x) + ", \"" + order + "\", " + n + " attention and " + n
                            + " feed-forward sublayers)"));
        }
        return new GradedTest(name, "5.4", points, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: walk the order from left (next to the input) to right; the j-th 's'"
                        + " uses attention.get(j) and the j-th 'f' uses feedForward.get(j), each exactly once, and each"
                        + " takes the previous sublayer's output."));
    }

    private static String sublayerCode(String input, String activation) {
        return "(java.util.function.UnaryOperator<newarch.tensor.Tensor>) h -> h.add(h.matmul(" + PROBE_SINK
                + ".tensorInput(\"" + input + "\"))." + activation + "())";
    }

    // ---- 5.5 ---------------------------------------------------------------------------------------------------

    /** Each case: vocab, context, d_model, heads, d_ff, n, k, pre-norm. */
    private static GradedTest parameters(String name, boolean hidden, double points, Object[]... cases) {
        List<Probe> probes = new ArrayList<>();
        List<Long> expected = new ArrayList<>();
        List<String> calls = new ArrayList<>();
        for (Object[] c : cases) {
            SandwichConfig config = SandwichConfig.of((int) c[0], (int) c[1], (int) c[2], (int) c[3], (int) c[4],
                    SublayerOrder.sandwich((int) c[5], (int) c[6])).withNormFirst((boolean) c[7]);
            String configCode = "newarch.models.sandwich.SandwichConfig.of(" + c[0] + ", " + c[1] + ", " + c[2] + ", "
                    + c[3] + ", " + c[4] + ", newarch.models.sandwich.SublayerOrder.sandwich(" + c[5] + ", " + c[6]
                    + ")).withNormFirst(" + c[7] + ")";
            probes.add(Probe.call(probeId(name) + "_" + probes.size(), "parameterCount", literal(configCode)));
            expected.add(config.parameterCount());
            calls.add(String.format(Locale.ROOT, "parameterCount(vocab %d, d_model %d, %d heads, d_ff %d, order %s, %s)",
                    c[0], c[2], c[3], c[4], shortOrder(config.order()), (boolean) c[7] ? "pre-norm" : "post-norm"));
        }
        return new GradedTest(name, "5.5", points, hidden, probes, results -> {
            List<String> lines = new ArrayList<>();
            int passed = 0;
            for (int i = 0; i < probes.size(); i++) {
                double got = results.value(probes.get(i).id()).getDouble(0);
                long want = expected.get(i);
                if (got == want) {
                    passed++;
                    lines.add(calls.get(i) + ": correct (" + want + ").");
                } else {
                    lines.add(String.format(Locale.ROOT, "%s: expected %d but got %.0f (off by %+.0f).", calls.get(i),
                            want, got, got - want));
                }
            }
            return verdict(passed, probes.size(), lines, "Hint: count the embedding once (the output layer reuses"
                    + " it), then for every sublayer its weights, its biases and its own LayerNorm (a scale and a shift"
                    + " of width d_model); pre-norm adds one final LayerNorm. Heads and k change nothing.");
        });
    }

    /** Partial credit per case; one line per case, and the hint once at the end when anything failed. */
    private static Verdict verdict(int passed, int cases, List<String> lines, String hint) {
        String message = String.join("\n", lines) + (passed < cases ? "\n" + hint : "");
        return new Verdict((double) passed / cases, message);
    }

    private static String shortOrder(SublayerOrder order) {
        String s = order.toString();
        return s.length() <= 12 ? s : "sandwich(" + order.pairs() + ", …) of " + s.length() + " sublayers";
    }
}
