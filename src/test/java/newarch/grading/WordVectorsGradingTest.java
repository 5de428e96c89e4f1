package newarch.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Assignment 11: the committed solution scores full marks, the untouched exercise 0, and three classic mistakes lose
 * their points (where only the hidden tests catch them, part of them) with feedback a student can act on, while the
 * exercises they do not touch keep full marks.
 */
class WordVectorsGradingTest {
    @TempDir
    Path tmp;

    @Test
    void solutionScoresFullMarksAndExerciseZero() throws Exception {
        Grader grader = new Grader(SandboxLimits.defaults());
        GradeReport solution = grader.grade(Path.of("solutions", "11-word-vectors.ipynb"), tmp.resolve("sol"), null);
        assertEquals(10.0, solution.maxScore());
        assertEquals(10.0, solution.score(), solution.summary());
        GradeReport exercise = grader.grade(Path.of("exercises", "11-word-vectors.ipynb"), tmp.resolve("ex"), null);
        assertEquals(0.0, exercise.score(), exercise.summary());
        assertEquals(10, exercise.tests().size());
        assertEquals(5, exercise.tests().stream().filter(TestOutcome::hidden).count());
    }

    @Test
    void binaryIgnoredUnknownTargetsKeptAndUnnormalisedAnalogyLoseTheirPoints() throws Exception {
        String json = Files.readString(Path.of("solutions", "11-word-vectors.ipynb"));
        // 11.1: binary ignored: right for counts, wrong for presence (hidden only).
        String binary = "counts[id] = binary ? 1 : counts[id] + 1;";
        // 11.4: UNK targets not skipped: right for a text without UNK (visible), wrong otherwise (hidden).
        String unk = "if (ids[t] == Vocabulary.UNK) {";
        // 11.5: dot products of raw vectors instead of cosines: long vectors win.
        String unit = "INDArray unit = v.divColumnVector(v.norm2(1).reshape(v.size(0), 1));";
        assertTrue(json.contains(binary) && json.contains(unk) && json.contains(unit),
                "the solution changed: update this test");
        Path submission = tmp.resolve("11-word-vectors-erin.ipynb");
        Files.writeString(submission, json.replace(binary, "counts[id] = counts[id] + 1;")
                .replace(unk, "if (ids[t] < 0) {")
                .replace(unit, "INDArray unit = v;"));

        GradeReport r = new Grader(SandboxLimits.defaults()).grade(submission, tmp.resolve("out"), null);
        // 11.1 visible kept, hidden 2 of 3; 11.2 and 11.3 untouched (4); 11.4 visible kept, hidden lost; 11.5 visible
        // kept (its raw dot products happen to pick the same word), hidden lost (rows of very different lengths).
        assertEquals(1 + 2.0 / 3 + 4 + 1 + 1, r.score(), 0.005, r.summary()); // scores are rounded to 0.01
        TestOutcome presence = r.tests().stream().filter(t -> t.name().startsWith("11.1") && t.hidden()).findFirst()
                .orElseThrow();
        assertTrue(presence.output().contains("binary true): shape [8] is right but values differ"), presence.output());
        TestOutcome windows = r.tests().stream().filter(t -> t.name().startsWith("11.4") && t.hidden()).findFirst()
                .orElseThrow();
        assertTrue(windows.output().contains("whose middle id is not UNK"), windows.output());
        TestOutcome analogies = r.tests().stream().filter(t -> t.name().startsWith("11.5") && t.hidden()).findFirst()
                .orElseThrow();
        assertEquals(0.0, analogies.score(), analogies.output());
        assertTrue(analogies.output().contains("scale every row to unit length first"), analogies.output());
        ReferenceNotebooksTest.assertValidResultsJson(tmp.resolve("out").resolve("results.json"));
    }
}
