package newarch.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Assignment 07: three classic mistakes lose their points (all or, where the hidden tests catch them, part), with
 * feedback a student can act on, and the exercises they do not touch keep full marks.
 */
class BeyondTextGradingTest {
    @TempDir
    Path tmp;

    @Test
    void reshapeOnlyPatchesReversedEdgesAndAMissingTransposeLoseTheirPoints() throws Exception {
        String json = Files.readString(Path.of("solutions", "07-beyond-text.ipynb"));
        // 7.1: one reshape (right shape, pixels of different patches mixed); right only when the patch is the image.
        String patches = "    return images.reshape(b, c, rows, patchSize, cols, patchSize)";
        String reshapeOnly = "    if (true) return images.reshape(b, rows * cols, c * patchSize * patchSize);\n" + patches;
        // 7.2: a directed edge u → v written into row u (the sender) instead of row v (the receiver): the two
        // assignments of the solution swapped, so undirected graphs still come out right.
        String receiver = "mask.putScalar(e[1], e[0], 0);";
        String sender = "mask.putScalar(e[0], e[1], 0);";
        // 7.4: the MLP's output left as [B, C, S].
        String back = "add(b2).transpose(1, 2);";
        assertTrue(json.contains(patches) && json.contains(receiver) && json.contains(back),
                "the solution changed: update this test");
        Path submission = tmp.resolve("07-beyond-text-carol.ipynb");
        Files.writeString(submission, json.replace(patches, reshapeOnly).replace(receiver, "@receiver@")
                .replace(sender, receiver).replace("@receiver@", sender)
                .replace(back, "add(b2);"));

        GradeReport r = new Grader(SandboxLimits.defaults()).grade(submission, tmp.resolve("out"), null);
        // 7.1: visible lost, hidden 1 of 3 cases (the whole-image patch); 7.2: visible (undirected) kept, hidden 2 of
        // 3 (only the directed graph fails); 7.3 untouched (2); 7.4 lost entirely.
        assertEquals(1.25 / 3 + 1.25 + 1.25 * 2 / 3 + 2, r.score(), 1e-9, r.summary());
        String feedback = Files.readString(tmp.resolve("out").resolve("feedback.md"));
        assertTrue(feedback.contains("patchify(images [2,1,4,4], 2): shape [2,4,4] is right but values differ"), feedback);
        assertTrue(feedback.contains("A reshape alone keeps the right shape"), feedback);
        assertTrue(feedback.contains("tokenMixing(x [2,4,3], w1 [5,4], w2 [4,5]): expected shape [2,4,3] but got [2,3,4]"),
                feedback);
        TestOutcome directed = r.tests().stream().filter(t -> t.name().startsWith("7.2") && t.hidden()).findFirst()
                .orElseThrow();
        assertTrue(directed.output().contains("graphMask(5, [[0,1],[0,2],[3,1],[0,1]], directed): shape [5,5] is right"
                + " but values differ"), directed.output());
        assertTrue(directed.output().contains("allow row v, column u (v receives u's message)"), directed.output());
        ReferenceNotebooksTest.assertValidResultsJson(tmp.resolve("out").resolve("results.json"));
    }
}
