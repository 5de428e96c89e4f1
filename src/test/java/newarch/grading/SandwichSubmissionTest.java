package newarch.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Assignment 05 graded on a realistic wrong submission: partial credit, and feedback that says what to fix. */
class SandwichSubmissionTest {
    @TempDir
    Path tmp;

    @Test
    void typicalMistakesGetPartialCreditAndActionableFeedback() throws Exception {
        String json = Files.readString(Path.of("solutions", "05-sandwich-transformer.ipynb"));
        // Two classic mistakes: the filling keeps all n layers (sf)^n instead of (sf)^(n-k), and PAD targets are
        // averaged in with the real predictions.
        String wrong = json.replace("\\\"sf\\\".repeat(n - k)", "\\\"sf\\\".repeat(n)")
                .replace("            if (y == 0) {\\n", "            if (y < 0) {\\n");
        assertTrue(!wrong.equals(json) && wrong.contains(".repeat(n) +") && wrong.contains("if (y < 0)"),
                "the solution notebook changed: update the replacements of this test");
        Path submission = tmp.resolve("05-sandwich-transformer-bob.ipynb");
        Files.writeString(submission, wrong);
        GradeReport r = new Grader(SandboxLimits.defaults()).grade(submission, tmp.resolve("out"), null);
        // 5.1: (2, 0) and (1, 0) still come out right, the k > 0 cases do not: 0.5 of the visible point and 0.25 of the
        // hidden one. 5.3 loses only its hidden PAD test (1 point). Everything else is untouched.
        assertEquals(7.75, r.score(), 1e-9, r.summary());
        TestOutcome visible = outcome(r, "5.1", false);
        assertEquals(0.5, visible.score(), 1e-9);
        assertTrue(visible.output().contains("sandwichOrder(3, 1): expected \"ssfsff\" (6 sublayers) but got"
                + " \"ssfsfsff\" (8 characters)"), visible.output());
        assertTrue(visible.output().contains("Hint: the sandwich has 2n sublayers"), visible.output());
        TestOutcome padded = outcome(r, "5.3 perplexity: PAD", true);
        assertEquals(0.0, padded.score());
        assertTrue(padded.output().contains("with the PAD positions counted as predictions"), padded.output());
        ReferenceNotebooksTest.assertValidResultsJson(tmp.resolve("out").resolve("results.json"));
        String feedback = Files.readString(tmp.resolve("out").resolve("feedback.md"));
        assertTrue(feedback.contains("expected \"ssfsff\""), feedback);
    }

    private static TestOutcome outcome(GradeReport r, String prefix, boolean hidden) {
        return r.tests().stream().filter(t -> t.name().startsWith(prefix) && t.hidden() == hidden).findFirst()
                .orElseThrow();
    }
}
