package newarch.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Assignment 14: the solution scores full marks, the untouched exercise 0, and forgetting the T² factor of the
 * soft-target loss keeps only the hidden T = 1 case of 14.2.
 */
class DistilBertGradingTest {
    @TempDir
    Path tmp;

    @Test
    void solutionScoresFullMarksAndUntouchedExerciseZero() throws Exception {
        GradeReport solution = new Grader(SandboxLimits.defaults()).grade(Path.of("solutions", "14-distilbert.ipynb"),
                tmp.resolve("solution"), null);
        assertEquals(10.0, solution.maxScore());
        assertEquals(10.0, solution.score(), 1e-9, solution.summary());
        ReferenceNotebooksTest.assertValidResultsJson(tmp.resolve("solution").resolve("results.json"));

        GradeReport exercise = new Grader(SandboxLimits.defaults()).grade(Path.of("exercises", "14-distilbert.ipynb"),
                tmp.resolve("exercise"), null);
        assertEquals(0.0, exercise.score(), exercise.summary());
        assertEquals(8, exercise.tests().size());
        assertEquals(4, exercise.tests().stream().filter(TestOutcome::hidden).count());
        assertTrue(Files.readString(tmp.resolve("exercise").resolve("feedback.md")).contains("is not done yet"));
    }

    @Test
    void forgettingTheTemperatureSquaredLosesTheSoftTargetPoints() throws Exception {
        String json = Files.readString(Path.of("solutions", "14-distilbert.ipynb"));
        String scaled = "return kl.mul(temperature * temperature / studentLogits.size(0));";
        assertTrue(json.contains(scaled), "the solution changed: update this test");
        Path submission = tmp.resolve("14-distilbert-frank.ipynb");
        Files.writeString(submission, json.replace(scaled, "return kl.mul(1.0 / studentLogits.size(0));"));
        GradeReport r = new Grader(SandboxLimits.defaults()).grade(submission, tmp.resolve("out"), null);
        // 14.2 visible (T = 2) lost; hidden: only the T = 1 case of three passes.
        assertEquals(10 - 1.5 - 1.5 * 2 / 3, r.score(), 1e-9, r.summary());
        String feedback = Files.readString(tmp.resolve("out").resolve("feedback.md"));
        assertTrue(feedback.contains("multiply by T²"), feedback);
    }
}
