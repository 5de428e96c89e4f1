package newarch.bench;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import newarch.viz.LinePlot;

/**
 * {@code scaling}: time and peak memory of one forward + backward pass against sequence length L = 2^9 … 2^max
 * for every {@link ScalingSubject} (full attention and LSH attention; windowed attention or RSE join by registering
 * one more subject), each length in a fresh JVM ({@link ChildProbe}; memory measured as in
 * {@link ReversibleBenchmark}: live resident memory above the pre-step level, sampled after garbage collection
 * after the forward and after the backward pass).
 *
 * <p>Rows: per subject and length, {@code seconds} (median time, baseline = full attention at that length, so the
 * ratio is the speed-up's inverse) and {@code peak_memory}; lengths whose estimated memory exceeds {@code --max-gb}
 * are not run and written with a null value and {@code skipped} in their params. Then per subject the fitted growth
 * exponents of time and memory (least-squares slope of log y against log L; baseline = the expected exponent), and
 * the crossover length where LSH becomes faster than full attention: the first measured length where it is, and
 * where the two fitted lines cross. Figures: {@code scaling-time.png} and {@code scaling-memory.png} (log-log) in the
 * output directory.
 */
public final class ScalingBenchmark implements Benchmark {
    static final int MIN_LOG2 = 9;

    @Override
    public String name() {
        return "scaling";
    }

    @Override
    public String summary() {
        return "time and memory vs length (2^9 upward): full, LSH and windowed attention, RSE; exponents, crossover,"
                + " log-log PNG";
    }

    @Override
    public Map<String, String> options() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("--max-log2", "longest length as a power of two (default 12; 20 for the full run, where attention stops"
                + " at 2^16 and RSE goes on; 10 with --quick)");
        o.put("--max-gb", "skip lengths whose estimated memory exceeds this many GB (default 8)");
        o.put("--hidden", "head width (default 64)");
        o.put("--subjects", "which subjects, comma-separated (default all: " + String.join(",",
                ScalingSubjects.all().stream().map(ScalingSubject::name).toList()) + ")");
        return o;
    }

    @Override
    public void run(BenchOptions o, Consumer<BenchResult> sink) {
        int maxLog2 = o.intOption("--max-log2", o.quick() ? 10 : 12, MIN_LOG2);
        if (maxLog2 > 24) {
            throw new IllegalArgumentException("--max-log2 must be at most 24, got " + maxLog2);
        }
        double maxGb = o.doubleOption("--max-gb", 8);
        int hidden = o.intOption("--hidden", 64, 1);
        List<ScalingSubject> subjects = o.namesOption("--subjects", null) == null ? ScalingSubjects.all()
                : o.namesOption("--subjects", null).stream().map(ScalingSubjects::named).toList();
        int n = maxLog2 - MIN_LOG2 + 1;
        double[] lengths = new double[n];
        Map<String, double[]> seconds = new LinkedHashMap<>();
        Map<String, double[]> megabytes = new LinkedHashMap<>();
        Map<String, List<BenchResult>> pending = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        Map<String, String> skips = new LinkedHashMap<>();
        for (ScalingSubject s : subjects) {
            double[] t = new double[n];
            double[] m = new double[n];
            for (int i = 0; i < n; i++) {
                int length = 1 << (MIN_LOG2 + i);
                lengths[i] = length;
                double estimateGb = s.estimatedBytes(length, hidden) / 1e9;
                String skip = MIN_LOG2 + i > s.longestLog2()
                        ? "skipped: longer than this subject's range (up to 2^" + s.longestLog2() + ")"
                        : estimateGb > maxGb ? String.format("skipped: estimated %.1f GB > --max-gb %s", estimateGb,
                                maxGb) : null;
                if (skip != null) {
                    t[i] = Double.NaN;
                    m[i] = Double.NaN;
                    skips.put(s.name() + " " + length, skip);
                    continue;
                }
                int iters = o.iters() != null ? o.iters() : length <= 2048 ? 3 : 1;
                try {
                    JsonObject r = ChildProbe.run(List.of("probe=scaling", "subject=" + s.name(), "length=" + length,
                            "hidden=" + hidden, "iters=" + iters), 7200);
                    t[i] = r.get("seconds").getAsDouble();
                    m[i] = r.get("peak_bytes").getAsDouble() / (1 << 20);
                } catch (IllegalStateException e) {
                    // One length that cannot run here (out of memory, time limit) is a gap in the curve, not the end
                    // of the benchmark.
                    t[i] = Double.NaN;
                    m[i] = Double.NaN;
                    failures.put(s.name() + " " + length, e.getMessage());
                }
            }
            seconds.put(s.name(), t);
            megabytes.put(s.name(), m);
        }
        double[] reference = seconds.get(subjects.get(0).name());
        double[] referenceMb = megabytes.get(subjects.get(0).name());
        for (ScalingSubject s : subjects) {
            double[] t = seconds.get(s.name());
            double[] m = megabytes.get(s.name());
            for (int i = 0; i < n; i++) {
                int length = (int) lengths[i];
                Map<String, Object> p = params(s, length, hidden, maxGb);
                String failure = failures.get(s.name() + " " + length);
                String skipped = failure != null ? "failed: " + failure : skips.get(s.name() + " " + length);
                if (skipped != null) {
                    p.put("skipped", skipped);
                }
                Map<String, Object> pt = new LinkedHashMap<>(p);
                pt.put("baseline", subjects.get(0).name() + " at the same length");
                sink.accept(new BenchResult(name(), s.name() + " L=" + length, pt, "seconds", t[i] * 1e3, "ms",
                        reference[i] * 1e3, t[i], reference[i], skipped));
                Map<String, Object> pm = new LinkedHashMap<>(p);
                pm.put("baseline", subjects.get(0).name() + " at the same length");
                pm.put("method", "fresh JVM; live resident memory above the pre-step level after forward and backward");
                sink.accept(new BenchResult(name(), s.name() + " L=" + length, pm, "peak_memory", m[i], "MB",
                        referenceMb[i], t[i], reference[i], skipped));
            }
            PowerLawFit time = PowerLawFit.fit(lengths, t);
            PowerLawFit memory = PowerLawFit.fit(lengths, m);
            Map<String, Object> pf = new LinkedHashMap<>();
            pf.put("subject", s.description());
            pf.put("fit", "least squares of ln y on ln L");
            pf.put("points", time.points());
            pf.put("baseline", "expected exponent");
            sink.accept(new BenchResult(name(), s.name() + " time", pf, "growth_exponent_time", time.exponent(), "",
                    s.expectedExponent(), Double.NaN, Double.NaN, null));
            Map<String, Object> pfm = new LinkedHashMap<>(pf);
            pfm.put("points", memory.points());
            sink.accept(new BenchResult(name(), s.name() + " mem", pfm, "growth_exponent_memory", memory.exponent(),
                    "", s.expectedExponent(), Double.NaN, Double.NaN, null));
        }
        crossover(subjects, lengths, seconds, sink);
        plots(o.out(), subjects, lengths, seconds, megabytes);
    }

    /** Where each subject other than full attention (when it is measured, always first) becomes faster than it. */
    private void crossover(List<ScalingSubject> subjects, double[] lengths, Map<String, double[]> seconds,
                           Consumer<BenchResult> sink) {
        ScalingSubject full = subjects.get(0);
        if (!full.name().equals("full")) {
            return; // nothing to cross without full attention as the first subject
        }
        double[] tf = seconds.get(full.name());
        PowerLawFit fullFit = PowerLawFit.fit(lengths, tf);
        for (ScalingSubject s : subjects.subList(1, subjects.size())) {
            double[] ts = seconds.get(s.name());
            double measured = Double.NaN;
            for (int i = 0; i < lengths.length; i++) {
                if (ts[i] < tf[i]) {
                    measured = lengths[i];
                    break;
                }
            }
            double fitted = PowerLawFit.fit(lengths, ts).crossing(fullFit);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("faster", s.name());
            p.put("than", full.name());
            p.put("fitted_crossover_len", Double.isFinite(fitted) ? (double) Math.round(fitted) : null);
            p.put("baseline", "the fitted power laws' crossing");
            p.put("note", "value: first measured length where " + s.name() + " is faster (null: none measured)");
            sink.accept(new BenchResult(name(), s.name() + " x " + full.name(), p, "crossover_length", measured,
                    "tokens", fitted, Double.NaN, Double.NaN, null));
        }
    }

    private static Map<String, Object> params(ScalingSubject s, int length, int hidden, double maxGb) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("subject", s.name());
        p.put("description", s.description());
        p.put("len", length);
        p.put("hidden", hidden);
        p.put("batch", 1);
        p.put("dtype", "float32");
        p.put("estimated_gb", s.estimatedBytes(length, hidden) / 1e9);
        p.put("max_gb", maxGb);
        return p;
    }

    private static void plots(Path out, List<ScalingSubject> subjects, double[] lengths, Map<String, double[]> seconds,
                              Map<String, double[]> megabytes) {
        plot(out.resolve("scaling-time.png"), "Forward + backward time vs length", "time (s)", subjects, lengths,
                seconds);
        plot(out.resolve("scaling-memory.png"), "Peak live memory vs length", "memory (MB)", subjects, lengths,
                megabytes);
    }

    private static void plot(Path png, String title, String yTitle, List<ScalingSubject> subjects, double[] lengths,
                             Map<String, double[]> values) {
        LinePlot plot = LinePlot.create().title(title).axisTitles("sequence length L", yTitle).logX(true).logY(true)
                .markers(true).size(720, 440);
        int drawn = 0;
        for (ScalingSubject s : subjects) {
            double[] y = values.get(s.name());
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < lengths.length; i++) {
                if (y[i] > 0 && Double.isFinite(y[i])) {
                    points.add(new double[] {lengths[i], y[i]});
                }
            }
            if (points.isEmpty()) {
                continue; // every length skipped
            }
            PowerLawFit fit = PowerLawFit.fit(lengths, y);
            String label = s.name() + (Double.isFinite(fit.exponent())
                    ? String.format(" (slope %.2f)", fit.exponent()) : "");
            plot.series(label, points.stream().mapToDouble(p -> p[0]).toArray(),
                    points.stream().mapToDouble(p -> p[1]).toArray());
            drawn++;
        }
        if (drawn > 0) {
            plot.save(png);
        }
    }
}
