package newarch.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Assignment 12: the solution scores full marks, the untouched exercise 0, and the classic masked-LM mistake —
 * averaging over every position instead of the selected ones — loses exactly 12.3's points with a hint.
 */
class BertGradingTest {
    @TempDir
    Path tmp;

    @Test
    void solutionScoresFullMarksAndUntouchedExerciseZero() throws Exception {
        GradeReport solution = new Grader(SandboxLimits.defaults()).grade(Path.of("solutions", "12-bert.ipynb"),
                tmp.resolve("solution"), null);
        assertEquals(10.0, solution.maxScore());
        assertEquals(10.0, solution.score(), 1e-9, solution.summary());
        ReferenceNotebooksTest.assertValidResultsJson(tmp.resolve("solution").resolve("results.json"));

        GradeReport exercise = new Grader(SandboxLimits.defaults()).grade(Path.of("exercises", "12-bert.ipynb"),
                tmp.resolve("exercise"), null);
        assertEquals(0.0, exercise.score(), exercise.summary());
        assertEquals(8, exercise.tests().size());
        assertEquals(4, exercise.tests().stream().filter(TestOutcome::hidden).count());
        assertTrue(Files.readString(tmp.resolve("exercise").resolve("feedback.md")).contains("is not done yet"));
    }

    @Test
    void averagingOverEveryPositionLosesTheMlmLossPoints() throws Exception {
        String json = Files.readString(Path.of("solutions", "12-bert.ipynb"));
        String mean = "return picked.sumAll().mul(-1.0 / selected);";
        assertTrue(json.contains(mean), "the solution changed: update this test");
        Path submission = tmp.resolve("12-bert-erin.ipynb");
        Files.writeString(submission, json.replace(mean, "return picked.sumAll().mul(-1.0 / (b * l));"));
        GradeReport r = new Grader(SandboxLimits.defaults()).grade(submission, tmp.resolve("out"), null);
        assertEquals(7.5, r.score(), 1e-9, r.summary());
        String feedback = Files.readString(tmp.resolve("out").resolve("feedback.md"));
        assertTrue(feedback.contains("not by B·L"), feedback);
    }
}
