package newarch.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Assignment 13: the committed solution scores full marks, the untouched exercise 0, and three classic mistakes lose
 * their points (where only the hidden tests catch them, part of them) with feedback a student can act on.
 */
class AlbertGradingTest {
    @TempDir
    Path tmp;

    @Test
    void solutionScoresFullMarksAndExerciseZero() throws Exception {
        Grader grader = new Grader(SandboxLimits.defaults());
        GradeReport solution = grader.grade(Path.of("solutions", "13-albert.ipynb"), tmp.resolve("sol"), null);
        assertEquals(10.0, solution.maxScore());
        assertEquals(10.0, solution.score(), solution.summary());
        GradeReport exercise = grader.grade(Path.of("exercises", "13-albert.ipynb"), tmp.resolve("ex"), null);
        assertEquals(0.0, exercise.score(), exercise.summary());
        assertEquals(8, exercise.tests().size());
        assertEquals(4, exercise.tests().stream().filter(TestOutcome::hidden).count());
    }

    @Test
    void missingBiasLayersTimesGroupsAndUnswappedTypesLoseTheirPoints() throws Exception {
        String json = Files.readString(Path.of("solutions", "13-albert.ipynb"));
        // 13.1: the projection's bias forgotten: wrong whenever factorised.
        String bias = "return vocabularySize * embeddingSize + embeddingSize * hiddenSize + hiddenSize;";
        // 13.3: paying for every layer instead of every group: right only when layers == groups.
        String groups = "return projection + groups * encoderLayerParameters(hiddenSize, intermediateSize);";
        // 13.4: the segments never swapped: right in order (visible), wrong when swapped (hidden 1 of 3 kept).
        String swap = "int[] first = swapped ? b : a, second = swapped ? a : b;";
        assertTrue(json.contains(bias) && json.contains(groups) && json.contains(swap),
                "the solution changed: update this test");
        Path submission = tmp.resolve("13-albert-frank.ipynb");
        Files.writeString(submission, json.replace(bias, "return vocabularySize * embeddingSize + embeddingSize * hiddenSize;")
                .replace(groups, "return projection + layers * encoderLayerParameters(hiddenSize, intermediateSize);")
                .replace(swap, "int[] first = a, second = b;"));

        GradeReport r = new Grader(SandboxLimits.defaults()).grade(submission, tmp.resolve("out"), null);
        // 13.1 visible 1 of 2, hidden 1 of 3 (the unfactorised case); 13.2 untouched (2.5); 13.3 visible lost (6
        // layers, 1 group), hidden 1 of 3 (4 layers in 4 groups); 13.4 visible kept, hidden 1 of 3.
        double expected = 1.25 / 2 + 1.25 / 3 + 2.5 + 1.25 / 3 + 1.25 + 1.25 / 3;
        assertEquals(expected, r.score(), 0.02, r.summary()); // each test's score is rounded to 0.01
        String feedback = Files.readString(tmp.resolve("out").resolve("feedback.md"));
        assertTrue(feedback.contains("embeddingParameters(1000, 16, 64, true): "), feedback);
        assertTrue(feedback.contains("E·H weights plus H biases"), feedback);
        assertTrue(feedback.contains("The number of layers run does not change the count"), feedback);
        TestOutcome swapped = r.tests().stream().filter(t -> t.name().startsWith("13.4") && t.hidden()).findFirst()
                .orElseThrow();
        assertTrue(swapped.output().contains("or B/A when swapped"), swapped.output());
        // (results.json is not checked here: with these thirds and halves the rounded total, 5.64, differs from the
        // sum of the rounded test scores, 5.63 — a rounding question of the grader, reported, not this assignment's.)
    }
}
