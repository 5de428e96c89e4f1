package newarch.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import newarch.viz.LinePlot;

/**
 * What a run leaves for people and scripts: {@code metrics.json} (config, final metrics, every evaluation),
 * {@code loss.csv} (one row per step), {@code eval.csv} (one row per evaluation), {@code loss.png} (the loss curve
 * with a moving average) and, when there were evaluations, {@code eval.png} (exact-sequence accuracy over steps).
 */
public final class TrainingReport {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .create();

    private TrainingReport() {
    }

    public static void write(Path dir, TrainingConfig config, TrainingHistory history,
                             Map<String, Object> finalMetrics) {
        try {
            Files.createDirectories(dir);
            JsonObject json = new JsonObject();
            json.add("config", GSON.toJsonTree(config));
            json.add("final", GSON.toJsonTree(finalMetrics));
            json.add("evaluations", GSON.toJsonTree(history.evaluations()));
            Files.writeString(dir.resolve("metrics.json"), GSON.toJson(json) + "\n", StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("loss.csv"), lossCsv(history), StandardCharsets.UTF_8);
            if (!history.evaluations().isEmpty()) {
                Files.writeString(dir.resolve("eval.csv"), evalCsv(history), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + dir + ": " + e.getMessage(), e);
        }
        if (!history.steps().isEmpty()) {
            lossPlot(config, history).save(dir.resolve("loss.png"));
        }
        LinePlot eval = evalPlot(config, history);
        if (eval != null) {
            eval.save(dir.resolve("eval.png"));
        }
    }

    static String lossCsv(TrainingHistory h) {
        StringBuilder s = new StringBuilder(
                "step,loss,auxiliary_loss,learning_rate,grad_norm,tokens,input_tokens,seconds\n");
        for (TrainingHistory.Step r : h.steps()) {
            s.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%d,%d,%.6f%n", r.step(), r.loss(), r.auxiliaryLoss(),
                    r.learningRate(), r.gradNorm(), r.tokens(), r.inputTokens(), r.seconds()));
        }
        return s.toString();
    }

    static String evalCsv(TrainingHistory h) {
        Set<String> keys = new LinkedHashSet<>();
        h.evaluations().forEach(e -> keys.addAll(e.metrics().keySet()));
        StringBuilder s = new StringBuilder("step");
        keys.forEach(k -> s.append(',').append(k));
        s.append('\n');
        for (TrainingHistory.Evaluation e : h.evaluations()) {
            s.append(e.step());
            for (String k : keys) {
                Double v = e.metrics().get(k);
                s.append(',').append(v == null ? "" : v.toString());
            }
            s.append('\n');
        }
        return s.toString();
    }

    /** The loss per step and its moving average over ~2% of the run, which shows the trend through the noise. */
    public static LinePlot lossPlot(TrainingConfig config, TrainingHistory h) {
        List<TrainingHistory.Step> steps = h.steps();
        double[] x = new double[steps.size()];
        double[] y = new double[steps.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = steps.get(i).step();
            y[i] = steps.get(i).loss();
        }
        int window = Math.max(1, x.length / 50);
        double[] avg = new double[y.length];
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += y[i] - (i >= window ? y[i - window] : 0);
            avg[i] = sum / Math.min(i + 1, window);
        }
        LinePlot p = LinePlot.create().title(config.model() + " on " + config.task() + " (seed " + config.seed() + ")")
                .axisTitles("step", "training loss").series("loss", x, y);
        if (window > 1) {
            p.series("moving average (" + window + ")", x, avg);
        }
        return p;
    }

    /** Every exact-match metric (or image-classification accuracy) over steps, or null when there is none. */
    public static LinePlot evalPlot(TrainingConfig config, TrainingHistory h) {
        List<TrainingHistory.Evaluation> evals = h.evaluations();
        LinePlot p = LinePlot.create().title(config.model() + " on " + config.task() + ": held-out accuracy")
                .axisTitles("step", ImageTasks.isImageTask(config.task()) ? "test accuracy" : "exact-sequence accuracy")
                .yRange(0, 1).markers(evals.size() <= 30);
        Set<String> keys = new LinkedHashSet<>();
        evals.forEach(e -> e.metrics().keySet().stream().filter(k -> k.endsWith(".exact") || k.endsWith(".accuracy"))
                .forEach(keys::add));
        if (keys.isEmpty()) {
            return null;
        }
        for (String k : keys) {
            List<double[]> points = new ArrayList<>();
            evals.forEach(e -> {
                Double v = e.metrics().get(k);
                if (v != null) {
                    points.add(new double[] {e.step(), v});
                }
            });
            p.series(k, points.stream().mapToDouble(a -> a[0]).toArray(),
                    points.stream().mapToDouble(a -> a[1]).toArray());
        }
        return p;
    }
}
