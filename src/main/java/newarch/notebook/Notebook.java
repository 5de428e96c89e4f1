package newarch.notebook;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A Jupyter notebook (nbformat 4): cells and metadata, read leniently and written as Jupyter writes it. */
public final class Notebook {
    private final List<Cell> cells;
    private final JsonObject metadata;

    public Notebook(List<Cell> cells, JsonObject metadata) {
        this.cells = List.copyOf(cells);
        this.metadata = metadata;
    }

    public List<Cell> cells() {
        return cells;
    }

    public JsonObject metadata() {
        return metadata;
    }

    /** The assignment this notebook belongs to ({@code metadata.newarch.assignment}), or null. */
    public String assignment() {
        JsonElement ours = metadata.get("newarch");
        if (ours == null || !ours.isJsonObject() || !ours.getAsJsonObject().has("assignment")) {
            return null;
        }
        JsonElement a = ours.getAsJsonObject().get("assignment");
        return a.isJsonPrimitive() ? a.getAsString() : null;
    }

    /** The kernel's language from the notebook metadata ("java" for ours), or null when not stated. */
    public String language() {
        for (String key : new String[] {"kernelspec", "language_info"}) {
            JsonElement k = metadata.get(key);
            if (k != null && k.isJsonObject()) {
                JsonElement lang = k.getAsJsonObject().get(key.equals("kernelspec") ? "language" : "name");
                if (lang != null && lang.isJsonPrimitive()) {
                    return lang.getAsString();
                }
            }
        }
        return null;
    }

    public static Notebook read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new NotebookFormatException("no such notebook: " + file);
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
        } catch (IOException e) {
            throw new NotebookFormatException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** Parses notebook JSON; {@code name} is used in messages. */
    public static Notebook parse(String json, String name) {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new NotebookFormatException(name + " is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (!root.isJsonObject()) {
            throw new NotebookFormatException(name + " is not a notebook: the top level must be a JSON object");
        }
        JsonObject o = root.getAsJsonObject();
        JsonElement nbformat = o.get("nbformat");
        if (nbformat == null || !nbformat.isJsonPrimitive() || !nbformat.getAsJsonPrimitive().isNumber()
                || nbformat.getAsInt() != 4) {
            throw new NotebookFormatException(name + " has nbformat " + nbformat + " but only nbformat 4 is supported");
        }
        JsonElement cellsJson = o.get("cells");
        if (cellsJson == null || !cellsJson.isJsonArray()) {
            throw new NotebookFormatException(name + " has no 'cells' list");
        }
        List<Cell> cells = new ArrayList<>();
        int i = 0;
        for (JsonElement c : cellsJson.getAsJsonArray()) {
            if (!c.isJsonObject() || !c.getAsJsonObject().has("cell_type")) {
                throw new NotebookFormatException(name + ": cell " + i + " is not a cell object with a cell_type");
            }
            JsonObject co = c.getAsJsonObject();
            JsonElement md = co.get("metadata");
            cells.add(new Cell(co.get("cell_type").getAsString(), source(co.get("source")),
                    md != null && md.isJsonObject() ? md.getAsJsonObject() : new JsonObject()));
            i++;
        }
        JsonElement md = o.get("metadata");
        return new Notebook(cells, md != null && md.isJsonObject() ? md.getAsJsonObject() : new JsonObject());
    }

    private static String source(JsonElement s) {
        if (s == null || s.isJsonNull()) {
            return "";
        }
        if (s.isJsonArray()) {
            StringBuilder sb = new StringBuilder();
            s.getAsJsonArray().forEach(line -> sb.append(line.getAsString()));
            return sb.toString();
        }
        return s.getAsString();
    }

    /** Writes the notebook as Jupyter does (sorted keys, one-space indent, source split into lines). */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    public String toJson() {
        JsonObject root = new JsonObject();
        JsonArray cellArray = new JsonArray();
        int index = 0;
        for (Cell c : cells) {
            JsonObject co = new JsonObject();
            co.addProperty("cell_type", c.type());
            co.addProperty("id", String.format("cell-%03d", index++)); // stable ids keep regeneration byte-exact
            co.add("metadata", c.metadata());
            co.add("source", lines(c.source()));
            if (c.isCode()) {
                co.add("execution_count", com.google.gson.JsonNull.INSTANCE);
                co.add("outputs", new JsonArray());
            }
            cellArray.add(co);
        }
        root.add("cells", cellArray);
        root.add("metadata", metadata);
        root.addProperty("nbformat", 4);
        root.addProperty("nbformat_minor", 5);
        Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();
        return halveIndent(gson.toJson(sorted(root))) + "\n";
    }

    /** Gson indents by two spaces; Jupyter by one. */
    private static String halveIndent(String json) {
        StringBuilder sb = new StringBuilder(json.length());
        for (String line : json.split("\n", -1)) {
            int n = 0;
            while (n < line.length() && line.charAt(n) == ' ') {
                n++;
            }
            sb.append(" ".repeat(n / 2)).append(line, n, line.length()).append('\n');
        }
        return sb.substring(0, sb.length() - 1);
    }

    private static JsonArray lines(String source) {
        JsonArray a = new JsonArray();
        String[] parts = source.split("(?<=\n)");
        for (String p : parts) {
            if (!p.isEmpty()) {
                a.add(new JsonPrimitive(p));
            }
        }
        return a;
    }

    /** Deep copy with object keys sorted, so regenerated files are byte-stable. */
    private static JsonElement sorted(JsonElement e) {
        if (e.isJsonObject()) {
            Map<String, JsonElement> m = new TreeMap<>();
            e.getAsJsonObject().entrySet().forEach(en -> m.put(en.getKey(), sorted(en.getValue())));
            JsonObject o = new JsonObject();
            m.forEach(o::add);
            return o;
        }
        if (e.isJsonArray()) {
            JsonArray a = new JsonArray();
            e.getAsJsonArray().forEach(x -> a.add(sorted(x)));
            return a;
        }
        return e;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
