package newarch.notebook;

import com.google.gson.JsonObject;

/**
 * One notebook cell: its type ("code", "markdown", "raw"), source text and metadata (nbgrader and ours).
 * Outputs are not modelled: generated notebooks have none, and the grader ignores a submission's outputs.
 */
public record Cell(String type, String source, JsonObject metadata) {
    public static Cell code(String source, JsonObject metadata) {
        return new Cell("code", source, metadata);
    }

    public static Cell markdown(String source, JsonObject metadata) {
        return new Cell("markdown", source, metadata);
    }

    public boolean isCode() {
        return type.equals("code");
    }

    /** Our exercise id ("1.2") when this cell holds a student's answer, else null. */
    public String exercise() {
        JsonObject ours = metadata.getAsJsonObject("newarch");
        return ours != null && ours.has("exercise") ? ours.get("exercise").getAsString() : null;
    }
}
