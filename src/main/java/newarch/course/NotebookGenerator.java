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
import java.util.stream.Stream;
import newarch.notebook.Cell;
import newarch.notebook.Notebook;

/**
 * Turns the course sources into notebooks: {@code course/lectures/*.nb} → {@code notebooks/},
 * {@code course/assignments/*.nb} → {@code exercises/} (answers removed) and {@code solutions/} (answers kept).
 * Cell metadata follows nbgrader's schema (grade_id, solution, locked) so nbgrader users can read it.
 */
public final class NotebookGenerator {
    public static final String KERNEL_NAME = "newarch-java";

    private final Path root;

    public NotebookGenerator(Path projectRoot) {
        this.root = projectRoot;
    }

    /** Every generated file and its content, keyed by path relative to the project root. */
    public Map<Path, String> generate() throws IOException {
        Map<Path, String> out = new LinkedHashMap<>();
        for (Path src : sources("lectures")) {
            CourseSource s = CourseSource.read(src);
            out.put(Path.of("notebooks", s.name() + ".ipynb"), build(s, Variant.LECTURE).toJson());
        }
        for (Path src : sources("assignments")) {
            CourseSource s = CourseSource.read(src);
            out.put(Path.of("exercises", s.name() + ".ipynb"), build(s, Variant.EXERCISE).toJson());
            out.put(Path.of("solutions", s.name() + ".ipynb"), build(s, Variant.SOLUTION).toJson());
        }
        return out;
    }

    /** Writes the generated notebooks. */
    public List<Path> write() throws IOException {
        List<Path> written = new ArrayList<>();
        for (Map.Entry<Path, String> e : generate().entrySet()) {
            Path file = root.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
            written.add(e.getKey());
        }
        return written;
    }

    /** Paths whose committed content differs from a fresh generation (missing files included). */
    public List<Path> outOfDate() throws IOException {
        List<Path> stale = new ArrayList<>();
        for (Map.Entry<Path, String> e : generate().entrySet()) {
            Path file = root.resolve(e.getKey());
            if (!Files.isRegularFile(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(e.getValue())) {
                stale.add(e.getKey());
            }
        }
        return stale;
    }

    private List<Path> sources(String dir) throws IOException {
        Path d = root.resolve("course").resolve(dir);
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(d)) {
            return files.filter(f -> f.toString().endsWith(".nb")).sorted().toList();
        }
    }

    enum Variant { LECTURE, EXERCISE, SOLUTION }

    static Notebook build(CourseSource s, Variant variant) {
        List<Cell> cells = new ArrayList<>();
        int index = 0;
        for (CourseSource.SourceCell c : s.cells()) {
            index++;
            String text = c.text();
            String exercise = c.exercise();
            if (SolutionRegions.has(text)) {
                if (variant == Variant.LECTURE || exercise == null) {
                    throw new IllegalArgumentException(s.name() + ".nb line " + c.line()
                            + ": solution regions belong only in exercise cells of assignments");
                }
                text = variant == Variant.SOLUTION ? SolutionRegions.solution(text)
                        : SolutionRegions.exercise(text, exercise);
            }
            JsonObject md = cellMetadata(c, index, variant);
            cells.add(c.kind().equals("code") ? Cell.code(text, md) : Cell.markdown(text, md));
        }
        return new Notebook(cells, notebookMetadata(s, variant));
    }

    private static JsonObject cellMetadata(CourseSource.SourceCell c, int index, Variant variant) {
        JsonObject md = new JsonObject();
        if (variant == Variant.LECTURE) {
            return md;
        }
        String exercise = c.exercise();
        boolean answer = exercise != null;
        if (answer || c.locked()) {
            JsonObject nb = new JsonObject();
            nb.addProperty("grade", false);
            nb.addProperty("grade_id", answer ? "exercise-" + exercise.replace('.', '-') : "cell-" + index);
            nb.addProperty("locked", !answer);
            nb.addProperty("schema_version", 3);
            nb.addProperty("solution", answer);
            nb.addProperty("task", false);
            md.add("nbgrader", nb);
        }
        if (answer) {
            JsonObject ours = new JsonObject();
            ours.addProperty("exercise", exercise);
            if (c.attributes().containsKey("points")) {
                ours.addProperty("points", Double.parseDouble(c.attributes().get("points")));
            }
            md.add("newarch", ours);
        }
        if (c.locked()) {
            md.addProperty("deletable", false);
            md.addProperty("editable", false);
        }
        return md;
    }

    private static JsonObject notebookMetadata(CourseSource s, Variant variant) {
        JsonObject md = new JsonObject();
        JsonObject kernel = new JsonObject();
        kernel.addProperty("display_name", "Java (newarch)");
        kernel.addProperty("language", "java");
        kernel.addProperty("name", KERNEL_NAME);
        md.add("kernelspec", kernel);
        JsonObject lang = new JsonObject();
        lang.addProperty("name", "java");
        lang.addProperty("file_extension", ".jshell");
        md.add("language_info", lang);
        JsonObject ours = s.newarchMetadata();
        if (variant != Variant.LECTURE) {
            ours.addProperty("variant", variant == Variant.SOLUTION ? "solution" : "exercise");
        }
        md.add("newarch", ours);
        return md;
    }
}
