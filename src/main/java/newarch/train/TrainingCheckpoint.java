package newarch.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import newarch.io.Safetensors;
import newarch.nn.Module;
import newarch.tensor.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A resumable training state in one directory:
 * <ul>
 *   <li>{@code model.safetensors}: the model's state dict, by its PyTorch-style names (loadable with
 *       {@link Module#load});</li>
 *   <li>{@code optimizer.safetensors}: the optimiser's per-parameter state ({@code exp_avg.<name>},
 *       {@code exp_avg_sq.<name>} for Adam);</li>
 *   <li>{@code trainer.json}: the step, the optimiser's step count, the dropout generator's position and the
 *       history so far.</li>
 * </ul>
 */
public final class TrainingCheckpoint {
    static final String MODEL = "model.safetensors";
    static final String OPTIMIZER = "optimizer.safetensors";
    static final String TRAINER = "trainer.json";
    private static final int FORMAT = 1;
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private TrainingCheckpoint() {
    }

    /** Whether {@code dir} holds a checkpoint. */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(TRAINER)) && Files.isRegularFile(dir.resolve(MODEL));
    }

    static void save(Path dir, Module model, Optimizer optimizer, Rng rng, TrainingHistory history) {
        try {
            Files.createDirectories(dir);
            // Write beside, then move over the old files, so an interrupted save leaves the previous checkpoint.
            Path modelTmp = dir.resolve(MODEL + ".tmp");
            Safetensors.write(modelTmp, model.stateDict());
            Path optTmp = dir.resolve(OPTIMIZER + ".tmp");
            Safetensors.write(optTmp, optimizer.stateDict(names(model)));
            JsonObject trainer = new JsonObject();
            trainer.addProperty("format", FORMAT);
            trainer.addProperty("step", history.lastStep());
            trainer.addProperty("optimizer_steps", optimizer.stepCount());
            trainer.add("rng_state", GSON.toJsonTree(rng.state()));
            trainer.add("steps", GSON.toJsonTree(history.steps()));
            trainer.add("evaluations", GSON.toJsonTree(history.evaluations()));
            Path trainerTmp = dir.resolve(TRAINER + ".tmp");
            Files.writeString(trainerTmp, GSON.toJson(trainer), StandardCharsets.UTF_8);
            Files.move(modelTmp, dir.resolve(MODEL), StandardCopyOption.REPLACE_EXISTING);
            Files.move(optTmp, dir.resolve(OPTIMIZER), StandardCopyOption.REPLACE_EXISTING);
            Files.move(trainerTmp, dir.resolve(TRAINER), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + dir + ": " + e.getMessage(), e);
        }
    }

    static void restore(Path dir, Module model, Optimizer optimizer, Rng rng, TrainingHistory history) {
        if (!exists(dir)) {
            throw new IllegalArgumentException("no checkpoint in " + dir + " (expected " + MODEL + " and " + TRAINER
                    + ")");
        }
        JsonObject trainer;
        try {
            trainer = JsonParser.parseString(Files.readString(dir.resolve(TRAINER), StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(TRAINER), e);
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException("bad JSON in " + dir.resolve(TRAINER) + ": " + e.getMessage());
        }
        if (!trainer.has("format") || trainer.get("format").getAsInt() != FORMAT) {
            throw new IllegalArgumentException(dir.resolve(TRAINER) + " is not a format-" + FORMAT + " trainer state");
        }
        model.load(dir.resolve(MODEL));
        Map<String, INDArray> opt = Files.isRegularFile(dir.resolve(OPTIMIZER))
                ? Safetensors.read(dir.resolve(OPTIMIZER)) : Map.of();
        optimizer.loadStateDict(names(model), opt, trainer.get("optimizer_steps").getAsLong());
        rng.restore(GSON.fromJson(trainer.get("rng_state"), long[].class));
        List<TrainingHistory.Step> steps = GSON.fromJson(trainer.get("steps"),
                new TypeToken<ArrayList<TrainingHistory.Step>>() { }.getType());
        List<TrainingHistory.Evaluation> evaluations = GSON.fromJson(trainer.get("evaluations"),
                new TypeToken<ArrayList<TrainingHistory.Evaluation>>() { }.getType());
        history.truncateAfter(-1);
        steps.forEach(history::add);
        evaluations.forEach(history::add);
        long step = trainer.get("step").getAsLong();
        if (history.lastStep() != step) {
            throw new IllegalArgumentException(dir.resolve(TRAINER) + " says step " + step + " but its history ends at "
                    + history.lastStep());
        }
    }

    private static List<String> names(Module model) {
        return new ArrayList<>(model.namedParameters().keySet());
    }
}
