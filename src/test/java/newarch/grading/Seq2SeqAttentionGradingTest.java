package newarch.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Assignment 04: two classic mistakes lose exactly their exercises' points, with feedback a student can act on. */
class Seq2SeqAttentionGradingTest {
    @TempDir
    Path tmp;

    @Test
    void resetBeforeTheProductAndPaddingAfterTheSoftmaxGetPartialCredit() throws Exception {
        String json = Files.readString(Path.of("solutions", "04-seq2seq-attention.ipynb"));
        // 4.3: the reset gate of Cho et al.'s paper, r ⊙ h before W_hn, instead of PyTorch's r ⊙ (W_hn h + b_hn).
        String resetAfter = "    Tensor n = in[2].add(r.mul(rec[2])).tanh();";
        String resetBefore = "    Tensor n = in[2].add(MatMul.matmul(r.mul(h), weightHh.slice(0, 2 * hidden, 3 * hidden),"
                + " false, true).add(biasHh.slice(0, 2 * hidden, 3 * hidden))).tanh();";
        // 4.4: a softmax over every position, the padded weights zeroed afterwards (rows no longer sum to 1).
        String maskedScores = "    return scores.add(Masks.keyPadding(sourcePadding, 2, scores.dataType())).softmax(-1);";
        String zeroedWeights = "    return scores.softmax(-1).mul(Tensor.constant(sourcePadding.rsub(1)));";
        assertTrue(json.contains(resetAfter) && json.contains(maskedScores), "the solution changed: update this test");
        Path submission = tmp.resolve("04-seq2seq-attention-bob.ipynb");
        Files.writeString(submission, json.replace(resetAfter, resetBefore).replace(maskedScores, zeroedWeights));

        GradeReport r = new Grader(SandboxLimits.defaults()).grade(submission, tmp.resolve("out"), null);
        // 4.3 (2.5 points) and the two alignment-weight tests of 4.4 (1.5) are lost; the scores of 4.4 and 4.5 stand.
        assertEquals(6.0, r.score(), r.summary());
        String feedback = Files.readString(tmp.resolve("out").resolve("feedback.md"));
        assertTrue(feedback.contains("gruCell(x [2,3], h [2,4]): shape [2,4] is right but values differ"), feedback);
        assertTrue(feedback.contains("r ⊙ hidden block"), feedback);
        assertTrue(feedback.contains("Row 1 of your weights sums to"), feedback);
        assertTrue(feedback.contains("must get weight exactly 0 while the real positions still sum to 1"), feedback);
        TestOutcome scores = r.tests().stream().filter(t -> t.name().startsWith("4.4 additive")).findFirst().orElseThrow();
        assertEquals(scores.maxScore(), scores.score());
        ReferenceNotebooksTest.assertValidResultsJson(tmp.resolve("out").resolve("results.json"));
    }
}
