package newarch.grading;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One submission's grade: written as {@code results.json} in the Gradescope autograder format and as a
 * {@code feedback.md} for the student (hidden tests appear there only as a count until release).
 */
public record GradeReport(String submission, String assignment, List<TestOutcome> tests, List<String> notes,
                          double executionSeconds) {
    /** The sum of the tests' rounded scores, so that the total a student sees adds up to the parts shown. */
    public double score() {
        return round(tests.stream().mapToDouble(t -> round(t.score())).sum());
    }

    public double maxScore() {
        return round(tests.stream().mapToDouble(t -> round(t.maxScore())).sum());
    }

    static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }

    public String summary() {
        long visible = tests.stream().filter(t -> !t.hidden()).count();
        long visiblePassed = tests.stream().filter(t -> !t.hidden() && t.passed()).count();
        long hidden = tests.size() - visible;
        StringBuilder sb = new StringBuilder();
        sb.append("Score ").append(fmt(score())).append(" / ").append(fmt(maxScore())).append(". ");
        sb.append(visiblePassed).append(" of ").append(visible).append(" visible tests passed");
        if (hidden > 0) {
            sb.append("; ").append(hidden).append(" hidden tests are shown after grades are released");
        }
        sb.append('.');
        for (String n : notes) {
            sb.append("\n").append(n);
        }
        return sb.toString();
    }

    public void write(Path outDir) throws IOException {
        Files.createDirectories(outDir);
        JsonObject root = new JsonObject();
        root.addProperty("score", score());
        root.addProperty("execution_time", round(executionSeconds));
        root.addProperty("output", summary());
        JsonArray arr = new JsonArray();
        for (TestOutcome t : tests) {
            JsonObject o = new JsonObject();
            o.addProperty("name", t.name());
            o.addProperty("score", round(t.score()));
            o.addProperty("max_score", t.maxScore());
            o.addProperty("status", t.passed() ? "passed" : "failed");
            o.addProperty("output", t.output());
            o.addProperty("visibility", t.hidden() ? "after_published" : "visible");
            arr.add(o);
        }
        root.add("tests", arr);
        String json = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root);
        Files.writeString(outDir.resolve("results.json"), json + "\n", StandardCharsets.UTF_8);
        Files.writeString(outDir.resolve("feedback.md"), feedback(), StandardCharsets.UTF_8);
    }

    private String feedback() {
        StringBuilder md = new StringBuilder();
        md.append("# Feedback: ").append(assignment == null ? "unknown assignment" : assignment).append("\n\n");
        md.append("**").append(fmt(score())).append(" / ").append(fmt(maxScore())).append("**\n\n");
        for (TestOutcome t : tests) {
            if (t.hidden()) {
                continue;
            }
            md.append("- ").append(t.passed() ? "✅" : "❌").append(" **").append(t.name()).append("** (")
                    .append(fmt(t.score())).append(" / ").append(fmt(t.maxScore())).append(")  \n  ")
                    .append(t.output().replace("\n", "\n  ")).append('\n');
        }
        long hidden = tests.stream().filter(TestOutcome::hidden).count();
        if (hidden > 0) {
            md.append("\n").append(hidden).append(" hidden tests: their results appear after grades are released.\n");
        }
        if (!notes.isEmpty()) {
            md.append("\n## About your notebook\n\n");
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    private static String fmt(double x) {
        return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(round(x));
    }
}
