package newarch.grading;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the student JVM reported, read as untrusted data: lines that do not parse, unknown kinds and
 * oversized fields are ignored, so nothing the student prints can change how the grader behaves.
 */
public record SandboxEvents(List<CellOutcome> cells, Map<String, String> probeErrors, boolean finished) {
    public record CellOutcome(int index, String status, String message, String output) {
        public boolean ok() {
            return status.equals("ok");
        }
    }

    private static final long MAX_FILE = 8L << 20;

    public static SandboxEvents read(Path file) {
        List<CellOutcome> cells = new ArrayList<>();
        Map<String, String> probeErrors = new LinkedHashMap<>();
        boolean finished = false;
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_FILE) {
                return new SandboxEvents(cells, probeErrors, false);
            }
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                JsonObject e;
                try {
                    JsonElement el = JsonParser.parseString(line);
                    if (!el.isJsonObject()) {
                        continue;
                    }
                    e = el.getAsJsonObject();
                } catch (RuntimeException bad) {
                    continue;
                }
                String kind = text(e, "kind");
                switch (kind) {
                    case "cell" -> cells.add(new CellOutcome(e.has("index") ? e.get("index").getAsInt() : -1,
                            text(e, "status"), text(e, "message"), text(e, "output")));
                    case "probe" -> {
                        if (!text(e, "status").equals("ok")) {
                            probeErrors.put(text(e, "id"), describe(text(e, "status"), text(e, "message")));
                        }
                    }
                    case "done" -> finished = true;
                    default -> { }
                }
            }
        } catch (IOException | RuntimeException e) {
            return new SandboxEvents(cells, probeErrors, false);
        }
        return new SandboxEvents(cells, probeErrors, finished);
    }

    static String describe(String status, String message) {
        return switch (status) {
            case "timeout" -> "your code ran too long and was stopped (" + message + ")";
            case "compile_error" -> "the call did not compile: " + message;
            default -> "your code threw " + message;
        };
    }

    private static String text(JsonObject e, String key) {
        JsonElement v = e.get(key);
        if (v == null || !v.isJsonPrimitive()) {
            return "";
        }
        String s = v.getAsString();
        return s.length() > 4000 ? s.substring(0, 4000) + " [...]" : s;
    }
}
