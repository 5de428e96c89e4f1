package newarch.train.experiments;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newarch.data.images.ImageSet;
import newarch.models.vit.ViTClassifier;
import newarch.tensor.GradMode;
import newarch.train.Experiment;
import newarch.train.ImageClassificationObjective;
import newarch.train.TrainingConfig;
import newarch.train.TrainingHistory;
import newarch.viz.LinePlot;
import newarch.viz.PatchAttentionMap;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code experiment digits}: the CNN, MLP-Mixer and ViT of the digits task trained on the same fixed split, with the
 * same seed, batches, optimiser and number of steps, so that they differ in architecture only. Writes their test
 * accuracy on all 1,996 test digits, parameter counts and wall times, a plot of test accuracy over training
 * ({@code digits-accuracy.png}), and the trained ViT's [CLS] attention over the patch grid for a few test digits
 * ({@code digits-vit-attention.png}).
 */
final class DigitsExperiment {
    static final List<String> MODELS = List.of("cnn-small", "mixer-tiny", "vit-tiny");
    static final long STEPS = 600;
    static final long SEED = 1;
    static final int EVAL_EVERY = 100;
    /** All test digits. */
    static final int TEST_IMAGES = 1996;
    /** Test images whose ViT attention is drawn: one of each of these digits. */
    static final int[] ATTENTION_DIGITS = {0, 2, 4, 7, 9};
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .create();

    private final Results results;

    DigitsExperiment(Results results) {
        this.results = results;
    }

    static TrainingConfig config(String model) {
        return TrainingConfig.defaults("digits", model).withSteps(STEPS).withSeed(SEED)
                .withEvaluation(EVAL_EVERY, TEST_IMAGES, 0);
    }

    JsonObject run() {
        JsonObject json = Results.header("digits", "CNN vs MLP-Mixer vs ViT on 28x28 MNIST digits, same split, seed"
                + " and steps");
        LinePlot plot = LinePlot.create().title("digits: test accuracy over training (" + STEPS + " steps of 64, seed "
                + SEED + ")").axisTitles("step", "test accuracy (1,996 digits)").yRange(0, 1).markers(true);
        Map<String, Object> runsJson = new LinkedHashMap<>();
        Map<String, Object> summary = new LinkedHashMap<>();
        for (String model : MODELS) {
            TrainingConfig c = config(model);
            String dir = model + "-digits";
            Map<String, Object> r = results.run(c, dir);
            Experiment e = results.trained(c, dir);
            JsonObject m = results.finalMetrics(c, dir);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("test_accuracy", m.get("test.accuracy").getAsDouble());
            row.put("test_loss", m.get("test.loss").getAsDouble());
            row.put("parameters", m.get("parameters").getAsLong());
            row.put("train_seconds", m.get("train_seconds").getAsDouble());
            row.put("wall_seconds", m.get("wall_seconds").getAsDouble());
            summary.put(model, row);
            runsJson.put(model, r);
            List<TrainingHistory.Evaluation> evals = e.trainer().history().evaluations();
            plot.series(model, evals.stream().mapToDouble(TrainingHistory.Evaluation::step).toArray(),
                    evals.stream().mapToDouble(v -> v.metrics().get("test.accuracy")).toArray());
            if (e.model() instanceof ViTClassifier vit) {
                json.add("vit_attention", GSON.toJsonTree(attentionFigure(vit,
                        ((ImageClassificationObjective) e.objective()).testSubset())));
            }
        }
        plot.save(results.out().resolve("digits-accuracy.png"));
        json.add("summary", GSON.toJsonTree(summary));
        json.add("runs", GSON.toJsonTree(runsJson));
        json.addProperty("note", "wall_seconds include the evaluations every " + EVAL_EVERY + " steps; one JVM, one"
                + " thread (OMP_NUM_THREADS=1), on a shared 2-core machine");
        return json;
    }

    /** The first test image of each digit in {@link #ATTENTION_DIGITS}, its prediction and the attention maps. */
    private Map<String, Object> attentionFigure(ViTClassifier vit, ImageSet test) {
        long[] labels = test.labels().toLongVector();
        long[] picked = new long[ATTENTION_DIGITS.length];
        for (int i = 0; i < picked.length; i++) {
            picked[i] = -1;
            for (int j = 0; j < labels.length && picked[i] < 0; j++) {
                if (labels[j] == ATTENTION_DIGITS[i]) {
                    picked[i] = j;
                }
            }
        }
        ImageSet chosen = test.select(picked);
        vit.eval();
        long[] predicted;
        try (GradMode ignored = GradMode.off()) {
            predicted = vit.classify(chosen.images()).data().argMax(1).toLongVector();
        }
        List<String> names = new ArrayList<>();
        List<Object> maps = new ArrayList<>();
        for (int i = 0; i < picked.length; i++) {
            names.add("digit " + labels[(int) picked[i]] + ", predicted " + predicted[i]);
            INDArray last = PatchAttentionMap.lastLayer(vit, chosen.images().get(
                    org.nd4j.linalg.indexing.NDArrayIndex.point(i)).dup());
            maps.add(last.toDoubleMatrix());
        }
        PatchAttentionMap.save(vit, chosen.images(), names, "vit-tiny: [CLS] attention over the 7x7 patches, heads"
                + " averaged, per layer", results.out().resolve("digits-vit-attention.png"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("test_indices", picked);
        m.put("labels", names);
        m.put("last_layer_maps", maps);
        m.put("figure", "digits-vit-attention.png");
        return m;
    }
}
