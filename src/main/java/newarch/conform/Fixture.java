package newarch.conform;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import newarch.io.Checkpoints;
import newarch.io.Npy;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A conformance fixture directory (SPEC §2): fixture.json, weights/, inputs/, expected/. */
public final class Fixture {
    private final Path dir;
    private final String name;
    private final String kind;
    private final FixtureConfig config;
    private final List<String> inputs;
    private final List<String> outputs;
    private final double rtol;
    private final double atol;
    private Map<String, INDArray> weights;

    private Fixture(Path dir, JsonObject json) {
        this.dir = dir;
        this.name = dir.getFileName().toString();
        this.kind = requireString(json, "kind");
        JsonElement cfg = json.get("config");
        if (cfg != null && !cfg.isJsonObject()) {
            throw new FixtureException(name + ": fixture.json 'config' must be an object");
        }
        this.config = new FixtureConfig(cfg == null ? new JsonObject() : cfg.getAsJsonObject(), name);
        this.inputs = stringList(json, "inputs");
        this.outputs = stringList(json, "outputs");
        this.rtol = json.has("rtol") ? json.get("rtol").getAsDouble() : 0;
        this.atol = json.has("atol") ? json.get("atol").getAsDouble() : 0;
    }

    public static Fixture load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new FixtureException("no such fixture directory: " + dir);
        }
        Path json = dir.resolve("fixture.json");
        if (!Files.isRegularFile(json)) {
            throw new FixtureException(dir + " has no fixture.json");
        }
        try {
            JsonElement root = JsonParser.parseString(Files.readString(json, StandardCharsets.UTF_8));
            if (!root.isJsonObject()) {
                throw new FixtureException(json + ": expected a JSON object");
            }
            return new Fixture(dir, root.getAsJsonObject());
        } catch (JsonParseException e) {
            throw new FixtureException(json + ": bad JSON (" + firstLine(e.getMessage()) + ")");
        } catch (IOException e) {
            throw new FixtureException(json + ": cannot read (" + e.getMessage() + ")");
        }
    }

    public String name() {
        return name;
    }

    public Path dir() {
        return dir;
    }

    public String kind() {
        return kind;
    }

    public FixtureConfig config() {
        return config;
    }

    public List<String> outputs() {
        return outputs;
    }

    public double rtol() {
        return rtol;
    }

    public double atol() {
        return atol;
    }

    public boolean hasInput(String input) {
        return inputs.contains(input);
    }

    /** An input array; it must be listed in fixture.json and present under inputs/. */
    public INDArray input(String input) {
        if (!hasInput(input)) {
            throw new FixtureException(name + ": kind " + kind + " needs input '" + input + "' but fixture.json lists "
                    + inputs);
        }
        Path file = dir.resolve("inputs").resolve(input + ".npy");
        if (!Files.isRegularFile(file)) {
            throw new FixtureException(name + ": missing input file " + file);
        }
        return Npy.read(file);
    }

    /** The weights/ directory as a state dict (empty if the fixture has none). */
    public Map<String, INDArray> weights() {
        if (weights == null) {
            Path w = dir.resolve("weights");
            weights = Files.isDirectory(w) ? Checkpoints.load(w) : Map.of();
        }
        return weights;
    }

    /** Whether an output named {@code grad.*} is requested, which means a backward pass is needed. */
    public boolean wantsGradients() {
        return hasInput("grad_output") && outputs.stream().anyMatch(o -> o.startsWith("grad."));
    }

    private String requireString(JsonObject json, String key) {
        JsonElement e = json.get(key);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new FixtureException(name + ": fixture.json needs a string '" + key + "'");
        }
        return e.getAsString();
    }

    private List<String> stringList(JsonObject json, String key) {
        JsonElement e = json.get(key);
        if (e == null) {
            return List.of();
        }
        if (!e.isJsonArray()) {
            throw new FixtureException(name + ": fixture.json '" + key + "' must be a list of names");
        }
        List<String> out = new ArrayList<>();
        for (JsonElement x : (JsonArray) e) {
            out.add(x.getAsString());
        }
        return out;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
