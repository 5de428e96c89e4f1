package newarch.course;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A notebook's single source: a text file of cells, each opened by a header line.
 *
 * <pre>
 * %% notebook assignment=01-self-attention     (first line: attributes stored under metadata.newarch)
 * %% markdown                                  (a Markdown cell)
 * %% code                                      (a code cell)
 * %% code locked                               (read-only for students: nbgrader locked)
 * %% code exercise=1.2 points=2.5              (a student's answer cell; may hold solution regions)
 * </pre>
 * Text is easier to review and diff than notebook JSON, and it is the one place an exercise and its solution
 * are written.
 */
public record CourseSource(String name, Map<String, String> attributes, List<SourceCell> cells) {
    /** One cell of the source: its kind, header attributes and flags, and text. */
    public record SourceCell(String kind, Map<String, String> attributes, boolean locked, String text, int line) {
        public String exercise() {
            return attributes.get("exercise");
        }
    }

    public static CourseSource read(Path file) throws IOException {
        String name = file.getFileName().toString().replaceFirst("\\.nb$", "");
        return parse(Files.readString(file, StandardCharsets.UTF_8), name);
    }

    public static CourseSource parse(String text, String name) {
        String[] lines = text.split("\n", -1);
        if (lines.length == 0 || !lines[0].startsWith("%% notebook")) {
            throw new IllegalArgumentException(name + ": the first line must be '%% notebook key=value ...'");
        }
        Map<String, String> attrs = attributes(lines[0].substring("%% notebook".length()), name, 1, new ArrayList<>());
        List<SourceCell> cells = new ArrayList<>();
        String kind = null;
        Map<String, String> cellAttrs = null;
        List<String> flags = null;
        int start = 0;
        StringBuilder body = new StringBuilder();
        for (int i = 1; i <= lines.length; i++) {
            boolean header = i < lines.length && lines[i].startsWith("%% ");
            if (header || i == lines.length) {
                if (kind != null) {
                    cells.add(new SourceCell(kind, cellAttrs, flags.contains("locked"), trimBlankLines(body), start));
                }
                if (header) {
                    String[] parts = lines[i].substring(3).trim().split("\\s+", 2);
                    kind = parts[0];
                    if (!kind.equals("code") && !kind.equals("markdown")) {
                        throw new IllegalArgumentException(name + ".nb line " + (i + 1) + ": cell kind '" + kind
                                + "' must be code or markdown");
                    }
                    flags = new ArrayList<>();
                    cellAttrs = attributes(parts.length > 1 ? parts[1] : "", name, i + 1, flags);
                    start = i + 1;
                    body.setLength(0);
                }
                continue;
            }
            if (kind == null && !lines[i].isBlank()) {
                throw new IllegalArgumentException(name + ".nb line " + (i + 1) + ": text before the first cell header");
            }
            body.append(lines[i]).append('\n');
        }
        return new CourseSource(name, attrs, cells);
    }

    private static Map<String, String> attributes(String s, String name, int line, List<String> flags) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String token : s.trim().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            int eq = token.indexOf('=');
            if (eq < 0) {
                flags.add(token);
            } else {
                out.put(token.substring(0, eq), token.substring(eq + 1));
            }
        }
        if (!flags.isEmpty() && flags.stream().anyMatch(f -> !f.equals("locked"))) {
            throw new IllegalArgumentException(name + ".nb line " + line + ": unknown flag in " + flags);
        }
        return out;
    }

    private static String trimBlankLines(StringBuilder body) {
        String s = body.toString();
        return s.replaceAll("^(\\s*\\n)+", "").replaceAll("(\\n\\s*)+$", "");
    }

    /** The notebook-level metadata stored under {@code metadata.newarch}. */
    public JsonObject newarchMetadata() {
        JsonObject o = new JsonObject();
        attributes.forEach(o::addProperty);
        return o;
    }
}
