package newarch.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import newarch.data.Example;
import org.junit.jupiter.api.Test;

/** The metrics' definitions, and the language-model layout of a task example. */
class SequenceAccuracyTest {
    @Test
    void exactAndTokenAccuracyCountTheEos() {
        SequenceAccuracy a = new SequenceAccuracy();
        a.add(new int[] {4, 5, 6}, true, new int[] {4, 5, 6});       // exact: 4 of 4 tokens (EOS included)
        a.add(new int[] {4, 5}, true, new int[] {4, 5, 6});          // stopped early: 2 of 4
        a.add(new int[] {4, 5, 6, 7}, true, new int[] {4, 5, 6});    // ran on: 3 of 4
        a.add(new int[] {4, 5, 6}, false, new int[] {4, 5, 6});      // no EOS: not exact, 3 of 4
        assertEquals(0.25, a.exact(), 1e-12);
        assertEquals((4 + 2 + 3 + 3) / 16.0, a.tokenAccuracy(), 1e-12);
    }

    @Test
    void languageModelSequencesScoreTheAnswerOnly() {
        LanguageModelObjective.Sequences s = LanguageModelObjective.Sequences.of(List.of(
                new Example(new int[] {4, 5}, new int[] {5, 4}), new Example(new int[] {6}, new int[] {6})));
        // BOS x EOS y EOS → input drops the last token, target is the next token where it belongs to the answer.
        assertArrayEquals(new long[][] {{1, 4, 5, 2, 5, 4}, {1, 6, 2, 6, 0, 0}}, s.input().toLongMatrix());
        assertArrayEquals(new long[][] {{0, 0, 0, 5, 4, 2}, {0, 0, 6, 2, 0, 0}}, s.target().toLongMatrix());
        assertEquals(3 + 2, s.answerTokens());
        assertEquals(6 + 4, s.allTokens());
    }
}
