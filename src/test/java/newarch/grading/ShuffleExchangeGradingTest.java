package newarch.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Assignment 09: three classic mistakes lose their points (all, or where only the hidden tests catch them, part),
 * with feedback a student can act on, and the exercise they do not touch keeps full marks.
 */
class ShuffleExchangeGradingTest {
    @TempDir
    Path tmp;

    @Test
    void wrongRotationMissingFinalLayerAndConstantResidualWeightsLoseTheirPoints() throws Exception {
        String json = Files.readString(Path.of("solutions", "09-shuffle-exchange.ipynb"));
        // 9.1: the shuffle's gather index rotated left (that is the unshuffle's): the shuffle probes fail.
        String rotateRight = "perm[i] = (i >> 1) | ((long) (i & 1) << (k - 1));";
        // 9.3: the network's final switch layer forgotten: every count is n/2 short.
        String finalLayer = "return (long) blocks * 2 * (k - 1) * (n / 2) + n / 2;";
        // 9.4: the residual weight hard-coded at its initial value 0.9: right until s is learned.
        String residual = "Tensor o = i.mul(s.sigmoid()).add(c.mul(h));";
        assertTrue(json.contains(rotateRight) && json.contains(finalLayer) && json.contains(residual),
                "the solution changed: update this test");
        Path submission = tmp.resolve("09-shuffle-exchange-erin.ipynb");
        Files.writeString(submission, json
                .replace(rotateRight, "perm[i] = ((i << 1) | (i >> (k - 1))) & (n - 1);")
                .replace(finalLayer, "return (long) blocks * 2 * (k - 1) * (n / 2);")
                .replace(residual, "Tensor o = i.mul(0.9).add(c.mul(h));"));

        GradeReport r = new Grader(SandboxLimits.defaults()).grade(submission, tmp.resolve("out"), null);
        // 9.1: the unshuffle probes pass, and for n = 2 and 4 (k ≤ 2) rotating left or right is the same, so the
        // visible test keeps 1/2 and the hidden one 6/8; 9.2 untouched (2.5); 9.3 half of each test (the padded
        // lengths pass); 9.4 visible kept (initial s), hidden lost.
        assertEquals(0.5 + 0.75 + 2.5 + 1 + 1.75, r.score(), 1e-9, r.summary());
        String feedback = Files.readString(tmp.resolve("out").resolve("feedback.md"));
        assertTrue(feedback.contains("shuffleIndex(8): shape [8] is right but values differ"), feedback);
        assertTrue(feedback.contains("i rotated RIGHT by one bit"), feedback);
        assertTrue(feedback.contains("one final switch layer"), feedback);
        TestOutcome learned = r.tests().stream().filter(t -> t.name().startsWith("9.4") && t.hidden()).findFirst()
                .orElseThrow();
        assertEquals(0.0, learned.score(), learned.output());
        assertTrue(learned.output().contains("not the constant 0.9 (s is learned)"), learned.output());
        ReferenceNotebooksTest.assertValidResultsJson(tmp.resolve("out").resolve("results.json"));
    }
}
