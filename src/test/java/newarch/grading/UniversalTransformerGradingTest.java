package newarch.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Assignment 06 on a submission with two typical mistakes: partial credit and feedback that points at the idea. */
class UniversalTransformerGradingTest {
    @TempDir
    Path tmp;

    @Test
    void offByOneStepsAndPaddingInThePonderCostCostTheirPointsOnly() throws Exception {
        String json = Files.readString(Path.of("solutions", "06-universal-transformer.ipynb"));
        // The recurrence starts at step 0 instead of 1, and the ponder cost averages over padding too.
        String wrong = json.replace("for (int t = 1; t <= steps; t++)", "for (int t = 0; t < steps; t++)")
                .replace("Math.max(1, active.data().sumNumber().doubleValue())", "active.data().length()");
        assertTrue(!wrong.equals(json) && wrong.length() != json.length(), "the solution's text changed: update the test");
        Path submission = tmp.resolve("06-universal-transformer-bob.ipynb");
        Files.writeString(submission, wrong);
        GradeReport r = new Grader(SandboxLimits.defaults()).grade(submission, tmp.resolve("out"), null);
        // 6.4 loses both tests (2 points); 6.3 loses its visible test and half of its hidden one (an all-padding
        // batch gives 0 either way): 0.5 + 0.5. Everything else, 6.5 included, keeps its points.
        assertEquals(7.0, r.score(), r.summary());
        TestOutcome fixed = r.tests().stream().filter(t -> t.name().startsWith("6.4") && !t.hidden()).findFirst()
                .orElseThrow();
        assertEquals(0.0, fixed.score());
        assertTrue(fixed.output().contains("shape [2,3,4] is right but values differ; the worst element is at"),
                fixed.output());
        assertTrue(fixed.output().contains("t = 1 for the first step"), fixed.output());
        TestOutcome ponder = r.tests().stream().filter(t -> t.name().startsWith("6.3") && !t.hidden()).findFirst()
                .orElseThrow();
        assertTrue(ponder.output().contains("expected") && ponder.output().contains("real positions only"),
                ponder.output());
        String feedback = Files.readString(tmp.resolve("out").resolve("feedback.md"));
        assertTrue(feedback.contains("6.5 adaptive computation time") && feedback.contains("✅"), feedback);
        ReferenceNotebooksTest.assertValidResultsJson(tmp.resolve("out").resolve("results.json"));
    }
}
