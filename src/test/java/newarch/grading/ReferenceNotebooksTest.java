package newarch.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** SPEC §3: every committed solution scores full marks and every unchanged exercise scores 0. */
class ReferenceNotebooksTest {
    @TempDir
    Path tmp;

    static Stream<String> assignments() {
        return Assignments.ids().stream();
    }

    @ParameterizedTest
    @MethodSource("assignments")
    void solutionScoresFullMarks(String id) throws Exception {
        GradeReport r = new Grader(SandboxLimits.defaults()).grade(Path.of("solutions", id + ".ipynb"), tmp, null);
        assertEquals(r.maxScore(), r.score(), r.summary());
        assertEquals(10.0, r.maxScore());
        assertValidResultsJson(tmp.resolve("results.json"));
    }

    @ParameterizedTest
    @MethodSource("assignments")
    void unchangedExerciseScoresZero(String id) throws Exception {
        GradeReport r = new Grader(SandboxLimits.defaults()).grade(Path.of("exercises", id + ".ipynb"), tmp, null);
        assertEquals(0.0, r.score(), r.summary());
        assertTrue(r.tests().size() >= 8, "at least 4 exercises with visible and hidden tests");
        assertTrue(r.tests().stream().anyMatch(TestOutcome::hidden));
        String feedback = Files.readString(tmp.resolve("feedback.md"));
        assertTrue(feedback.contains("is not done yet"), feedback);
    }

    @org.junit.jupiter.api.Test
    void typicalMistakesGetPartialCreditAndActionableFeedback() throws Exception {
        String json = java.nio.file.Files.readString(Path.of("solutions", "01-self-attention.ipynb"));
        // Two classic mistakes: k·qᵀ instead of q·kᵀ, and a softmax without the max subtraction.
        json = json.replace("MatMul.matmul(q, k, false, true)", "MatMul.matmul(k, q, false, true)")
                .replace("Tensor shifted = scaled.sub(Reductions.max(scaled, -1));", "Tensor shifted = scaled;");
        Path submission = tmp.resolve("alice.ipynb");
        java.nio.file.Files.writeString(submission, json);
        GradeReport r = new Grader(SandboxLimits.defaults()).grade(submission, tmp.resolve("out"), null);
        // 1.1 (2 points) and 1.5 (2.5, it reuses 1.1) fail; 1.3 loses only its hidden large-score test (1 point).
        assertEquals(4.5, r.score(), r.summary());
        String feedback = Files.readString(tmp.resolve("out").resolve("feedback.md"));
        assertTrue(feedback.contains("expected shape [3,4] but got [4,3]"), feedback);
        assertTrue(feedback.contains("Hint: score[i][j] is the dot product"), feedback);
        TestOutcome unstable = r.tests().stream().filter(t -> t.name().startsWith("1.3") && t.hidden()).findFirst().orElseThrow();
        assertEquals(0.0, unstable.score());
        assertTrue(unstable.output().contains("worst element"), unstable.output());
        assertValidResultsJson(tmp.resolve("out").resolve("results.json"));
    }

    @org.junit.jupiter.api.Test
    void transformerMistakesGetPartialCreditAndActionableFeedback() throws Exception {
        com.google.gson.JsonObject nb = JsonParser.parseString(
                Files.readString(Path.of("solutions", "03-transformer.ipynb"))).getAsJsonObject();
        // Two classic mistakes: the unbiased variance in layer norm (3.1, and 3.2 which reuses it), and a loss that
        // skips ignored targets in the sum but still counts them in the mean (caught only by the hidden 3.4 test).
        replaceInCells(nb, "Tensor variance = centred.mul(centred).meanKeepDims(-1);",
                "Tensor variance = centred.mul(centred).sumKeepDims(-1).mul(1.0 / (x.size(-1) - 1));");
        replaceInCells(nb, "        if (y == ignoreIndex) {\n            continue;\n        }\n        counted++;",
                "        counted++;\n        if (y == ignoreIndex) {\n            continue;\n        }");
        Path submission = tmp.resolve("bob.ipynb");
        Files.writeString(submission, nb.toString());
        GradeReport r = new Grader(SandboxLimits.defaults()).grade(submission, tmp.resolve("out"), null);
        assertEquals(5.0, r.score(), r.summary());
        TestOutcome norm = r.tests().stream().filter(t -> t.name().startsWith("3.1") && !t.hidden()).findFirst().orElseThrow();
        assertEquals(0.0, norm.score());
        assertTrue(norm.output().contains("shape [2,3,4] is right but values differ; the worst element is at"), norm.output());
        assertTrue(norm.output().contains("divide by d, not d − 1"), norm.output());
        TestOutcome ignored = r.tests().stream().filter(t -> t.name().startsWith("3.4") && t.hidden()).findFirst().orElseThrow();
        assertEquals(0.0, ignored.score());
        assertTrue(ignored.output().contains("average over the rows whose target is not ignoreIndex"), ignored.output());
        assertTrue(r.tests().stream().filter(t -> t.name().startsWith("3.3") || t.name().startsWith("3.5"))
                .allMatch(t -> t.score() == t.maxScore()), r.summary());
        assertValidResultsJson(tmp.resolve("out").resolve("results.json"));
    }

    private static void replaceInCells(com.google.gson.JsonObject notebook, String from, String to) {
        boolean found = false;
        for (JsonElement cell : notebook.getAsJsonArray("cells")) {
            JsonObject c = cell.getAsJsonObject();
            // nbformat allows the source as a list of lines or as one string (as this method writes it back).
            StringBuilder source = new StringBuilder();
            JsonElement raw = c.get("source");
            if (raw.isJsonArray()) {
                raw.getAsJsonArray().forEach(line -> source.append(line.getAsString()));
            } else {
                source.append(raw.getAsString());
            }
            if (source.indexOf(from) >= 0) {
                c.add("source", new com.google.gson.JsonPrimitive(source.toString().replace(from, to)));
                found = true;
            }
        }
        assertTrue(found, "no cell contains: " + from);
    }

    /** The Gradescope format: score, execution_time, output and well-formed tests. */
    static void assertValidResultsJson(Path file) throws Exception {
        JsonObject r = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        assertTrue(r.get("score").isJsonPrimitive() && r.has("execution_time") && r.has("output"));
        double sum = 0;
        for (JsonElement e : r.getAsJsonArray("tests")) {
            JsonObject t = e.getAsJsonObject();
            for (String key : new String[] {"name", "score", "max_score", "status", "output", "visibility"}) {
                assertTrue(t.has(key), "test lacks " + key + ": " + t);
            }
            assertTrue(t.get("score").getAsDouble() <= t.get("max_score").getAsDouble());
            sum += t.get("score").getAsDouble();
        }
        assertEquals(sum, r.get("score").getAsDouble(), 1e-9);
    }
}
