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
