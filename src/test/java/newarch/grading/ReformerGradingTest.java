package newarch.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Assignment 08: three classic mistakes lose their points (all, or where only the hidden tests catch them, part),
 * with feedback a student can act on, and the exercise they do not touch keeps full marks.
 */
class ReformerGradingTest {
    @TempDir
    Path tmp;

    @Test
    void swappedNegationsSelfMaskedAsForbiddenAndBottomFirstInverseLoseTheirPoints() throws Exception {
        String json = Files.readString(Path.of("solutions", "08-reformer.ipynb"));
        // 8.1: [−xR, xR] instead of [xR, −xR]: every bucket off by b/2.
        String concat = "Nd4j.concat(1, rotated, rotated.neg())";
        // 8.3: the query's own position masked like a forbidden key: the same when other keys are allowed, but a
        // causal position 0 then spreads its weight over forbidden keys instead of attending to itself.
        String self = "fill[j][i][m] = -1e5f;";
        // 8.4: layers undone bottom first: right for one layer only.
        String topFirst = "for (int i = steps.size() - 1; i >= 0; i--) {";
        assertTrue(json.contains(concat) && json.contains(self) && json.contains(topFirst),
                "the solution changed: update this test");
        Path submission = tmp.resolve("08-reformer-dave.ipynb");
        Files.writeString(submission, json.replace(concat, "Nd4j.concat(1, rotated.neg(), rotated)")
                .replace(self, "fill[j][i][m] = -1e9f;")
                .replace(topFirst, "for (int i = 0; i < steps.size(); i++) {"));

        GradeReport r = new Grader(SandboxLimits.defaults()).grade(submission, tmp.resolve("out"), null);
        // 8.1 lost (2); 8.2 untouched (2.5); 8.3 visible kept, hidden 1 of 3 (the non-causal case); 8.4 visible kept,
        // hidden lost (both cases are stacks).
        assertEquals(2.5 + 1.5 + 1.5 / 3 + 1.25, r.score(), 1e-9, r.summary());
        String feedback = Files.readString(tmp.resolve("out").resolve("feedback.md"));
        assertTrue(feedback.contains("lshBuckets(x [6,4], rotation [4,2]): shape [6] is right but values differ"), feedback);
        assertTrue(feedback.contains("projections first, negations second"), feedback);
        TestOutcome causal = r.tests().stream().filter(t -> t.name().startsWith("8.3") && t.hidden()).findFirst()
                .orElseThrow();
        assertTrue(causal.output().contains("lshAttention(qk [12,4], chunkLength 3, 4 buckets, causal true): shape"
                + " [12,4] is right but values differ"), causal.output());
        assertTrue(causal.output().contains("position 0 in a causal layer must attend to itself"), causal.output());
        TestOutcome stack = r.tests().stream().filter(t -> t.name().startsWith("8.4") && t.hidden()).findFirst()
                .orElseThrow();
        assertEquals(0.0, stack.score(), stack.output());
        assertTrue(stack.output().contains("undo the top (last) layer first"), stack.output());
        ReferenceNotebooksTest.assertValidResultsJson(tmp.resolve("out").resolve("results.json"));
    }
}
