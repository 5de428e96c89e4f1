package newarch.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Assignment 10: the solution scores full marks, the untouched exercise 0, and three classic mistakes that the visible
 * tests cannot see lose part of the hidden tests' points, with feedback a student can act on.
 */
class EfficientAttentionGradingTest {
    @TempDir
    Path tmp;

    @Test
    void solutionScoresFullMarksAndTheUntouchedExerciseZero() throws Exception {
        GradeReport solution = new Grader(SandboxLimits.defaults())
                .grade(Path.of("solutions", "10-efficient-attention.ipynb"), tmp.resolve("solution"), null);
        assertEquals(10.0, solution.maxScore());
        assertEquals(10.0, solution.score(), 1e-9, solution.summary());
        ReferenceNotebooksTest.assertValidResultsJson(tmp.resolve("solution").resolve("results.json"));

        GradeReport exercise = new Grader(SandboxLimits.defaults())
                .grade(Path.of("exercises", "10-efficient-attention.ipynb"), tmp.resolve("exercise"), null);
        assertEquals(0.0, exercise.score(), exercise.summary());
        assertEquals(10, exercise.tests().size(), "5 exercises, each with a visible and a hidden test");
        assertEquals(5, exercise.tests().stream().filter(TestOutcome::hidden).count());
        assertTrue(Files.readString(tmp.resolve("exercise").resolve("feedback.md")).contains("is not done yet"));
    }

    @Test
    void floorBlockCountUnclampedWindowAndUnskippedGapsLoseHiddenPoints() throws Exception {
        String json = Files.readString(Path.of("solutions", "10-efficient-attention.ipynb"));
        // 10.2: the number of blocks rounded down: right whenever the block length divides the length.
        String ceil = "int blocks = (length + blockLength - 1) / blockLength;";
        // 10.4: the window not clamped to n − 1: a window wider than the sequence counts pairs that do not exist.
        String clamp = "long w = Math.min(window, n - 1);";
        // 10.5: skipped lengths (NaN) and failed ones (0) fitted as if they were measurements.
        String skip = "if (!(n > 0) || !(t > 0) || !Double.isFinite(n) || !Double.isFinite(t)) {";
        assertTrue(json.contains(ceil) && json.contains(clamp) && json.contains(skip),
                "the solution changed: update this test");
        Path submission = tmp.resolve("10-efficient-attention-frank.ipynb");
        Files.writeString(submission, json.replace(ceil, "int blocks = length / blockLength;")
                .replace(clamp, "long w = window;")
                .replace(skip, "if (false) {"));

        GradeReport r = new Grader(SandboxLimits.defaults()).grade(submission, tmp.resolve("out"), null);
        // 10.1 and 10.3 untouched (2 + 1.5). 10.2: visible kept, hidden 10 of 16 probes (the cases 7/3, 10/4 and 11/4
        // lose both inter-block masks). 10.4: visible kept, hidden 13 of 15 (windows 40 > 30 and 2 > 1). 10.5: visible
        // kept, hidden 2 of 4 (the curve with two skipped lengths and the one with a 0 give NaN; the clean curve, and
        // the one left with a single point, whose answer is NaN anyway, pass).
        double expected = 2 + 1.5 + 1.25 + 1.25 * 10 / 16 + 1 + 13.0 / 15 + 1 + 0.5;
        assertEquals(Math.round(expected * 100) / 100.0, r.score(), 1e-9, r.summary()); // the total is in hundredths
        TestOutcome blocks = hiddenTest(r, "10.2");
        assertTrue(blocks.output().contains("interBlockMask(7, 3, true): expected shape [3,3]"), blocks.output());
        assertTrue(blocks.output().contains("m = ceil(length / r) blocks"), blocks.output());
        TestOutcome counts = hiddenTest(r, "10.4");
        assertTrue(counts.output().contains("windowScores(30, 40)"), counts.output());
        assertTrue(counts.output().contains("a window wider than n − 1 is full attention"), counts.output());
        TestOutcome fit = hiddenTest(r, "10.5");
        assertTrue(fit.output().contains("NaN marks a skipped length"), fit.output());
        ReferenceNotebooksTest.assertValidResultsJson(tmp.resolve("out").resolve("results.json"));
    }

    private static TestOutcome hiddenTest(GradeReport r, String exercise) {
        return r.tests().stream().filter(t -> t.name().startsWith(exercise) && t.hidden()).findFirst().orElseThrow();
    }
}
