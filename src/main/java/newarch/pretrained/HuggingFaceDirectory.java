package newarch.pretrained;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import newarch.conform.FixtureConfig;
import newarch.conform.HuggingFaceConfigs;
import newarch.data.wordpiece.BertTokenizer;
import newarch.data.wordpiece.BertTokenizerConfig;
import newarch.io.Checkpoints;
import newarch.models.albert.AlbertModel;
import newarch.models.bert.BertModel;
import newarch.models.distilbert.DistilBertModel;
import newarch.tensor.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Loads a Hugging Face model directory as {@code save_pretrained} writes it: {@code config.json} (its
 * {@code model_type} picks BERT, ALBERT or DistilBERT), the weights in {@code model.safetensors} (or, converted from
 * PyTorch, one {@code .npy} file per state-dict key, in the directory or its {@code weights/} folder), and for the
 * tokenizer {@code vocab.txt} with the options of {@code tokenizer_config.json}. Task checkpoints
 * (BertForMaskedLM, ...) load too: their {@code bert.} prefix and heads are dropped. Loading is strict: a missing
 * or unexpected weight is an error naming it.
 */
public final class HuggingFaceDirectory {
    public static final List<String> MODEL_TYPES = List.of("bert", "albert", "distilbert");

    private HuggingFaceDirectory() {
    }

    public static PretrainedEncoder load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("model directory " + dir + " does not exist or is not a directory");
        }
        JsonObject configJson = json(dir.resolve("config.json"), true);
        FixtureConfig config = FixtureConfig.of(configJson, dir.resolve("config.json").toString());
        String type = config.text("model_type", "");
        Map<String, INDArray> weights = weights(dir);
        BertTokenizer tokenizer = tokenizer(dir);
        Rng rng = new Rng(0);   // every weight is overwritten; the generator only satisfies the constructors
        PretrainedEncoder encoder = switch (type) {
            case "bert" -> {
                BertModel m = new BertModel(HuggingFaceConfigs.bert(config, dir.toString()), rng);
                m.loadHuggingFace(weights);
                yield new PretrainedEncoder(type, m, m::forward, tokenizer);
            }
            case "albert" -> {
                AlbertModel m = new AlbertModel(HuggingFaceConfigs.albert(config, dir.toString()), rng);
                m.loadHuggingFace(weights);
                yield new PretrainedEncoder(type, m, m::forward, tokenizer);
            }
            case "distilbert" -> {
                DistilBertModel m = new DistilBertModel(HuggingFaceConfigs.distilBert(config), rng);
                m.loadHuggingFace(weights);
                yield new PretrainedEncoder(type, m, (ids, mask, types) -> m.forward(ids, mask), tokenizer);
            }
            default -> throw new IllegalArgumentException(dir.resolve("config.json") + ": model_type is '" + type
                    + "' but must be one of " + String.join(", ", MODEL_TYPES));
        };
        encoder.model().eval();
        return encoder;
    }

    /** The weights: model.safetensors, else .npy files in the directory, else in its weights/ folder. */
    static Map<String, INDArray> weights(Path dir) {
        Path safetensors = dir.resolve("model.safetensors");
        if (Files.isRegularFile(safetensors)) {
            return Checkpoints.load(safetensors);
        }
        for (Path candidate : List.of(dir, dir.resolve("weights"))) {
            if (hasNpy(candidate)) {
                return Checkpoints.load(candidate);
            }
        }
        String hint = Files.exists(dir.resolve("pytorch_model.bin"))
                ? " (pytorch_model.bin is a Python pickle, which we do not read: save the model with"
                        + " safe_serialization=True, or write each state-dict tensor as NAME.npy)" : "";
        throw new IllegalArgumentException("model directory " + dir + " has no model.safetensors and no .npy weights"
                + hint);
    }

    private static boolean hasNpy(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".npy"));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + dir + ": " + e.getMessage());
        }
    }

    /** vocab.txt with tokenizer_config.json's options (BertTokenizer's defaults without it), or null without vocab. */
    static BertTokenizer tokenizer(Path dir) {
        Path vocab = dir.resolve("vocab.txt");
        if (!Files.isRegularFile(vocab)) {
            return null;
        }
        JsonObject options = json(dir.resolve("tokenizer_config.json"), false);
        BertTokenizerConfig config = HuggingFaceConfigs.tokenizer(
                FixtureConfig.of(options, dir.resolve("tokenizer_config.json").toString()));
        return BertTokenizer.load(vocab, config);
    }

    /** A JSON object from {@code file}; an empty one when the file is optional and absent. */
    private static JsonObject json(Path file, boolean required) {
        if (!Files.isRegularFile(file)) {
            if (required) {
                throw new IllegalArgumentException("model directory " + file.getParent() + " has no "
                        + file.getFileName());
            }
            return new JsonObject();
        }
        try {
            return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException(file + " is not a JSON object: " + e.getMessage());
        }
    }
}
