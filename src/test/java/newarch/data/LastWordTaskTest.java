package newarch.data;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LastWordTaskTest {
    /** A text of 120 frequent filler words and rarer "names" that come back a few words later. */
    private static String text(int sentences, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < sentences; i++) {
            String name = "name" + (char) ('a' + r.nextInt(26)) + (char) ('a' + r.nextInt(26));
            s.append(name).append(' ');
            for (int j = 0; j < 3 + r.nextInt(6); j++) {
                s.append("w").append((char) ('a' + r.nextInt(26))).append((char) ('a' + r.nextInt(5))).append(' ');
            }
            s.append(name).append(", 12 again. ");
        }
        return s.toString();
    }

    private static final LastWordTask TASK = new LastWordTask("t", text(3000, 1), 400, LengthRange.of(8, 12),
            LengthRange.of(16, 16));

    @Test
    void everyAnswerFollowsItsPassageAndOccursInIt() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 200; i++) {
            Example e = TASK.sample(r, TASK.trainLengths());
            int[] x = e.source();
            assertTrue(x.length >= 8 && x.length <= 12);
            assertEquals(1, e.targetLength());
            int answer = e.target()[0];
            assertTrue(java.util.Arrays.stream(x).anyMatch(w -> w == answer), TASK.render(x) + " / "
                    + TASK.render(e.target()));
            assertTrue(answer > Vocabulary.UNK + LastWordTask.FUNCTION_WORDS, "never a function word or UNK");
        }
    }

    @Test
    void wordsAreLowerCaseLettersOnly() {
        assertEquals(List.of("call", "me", "ishmael", "whale's"), WordTokenizer.words("Call me Ishmael. 1851 Whale's"));
    }

    @Test
    void passagesEndingAtTheSamePlaceAreHeldOutTogether() {
        Set<Boolean> seen = new HashSet<>();
        List<Example> test = TASK.testSet(1, TASK.trainLengths(), 100);
        for (Example e : test) {
            assertTrue(TASK.isHeldOut(e));
            int[] x = e.source();
            // The same passage end with less context (at least the key's length): held out too.
            Example shorter = new Example(java.util.Arrays.copyOfRange(x, x.length - LastWordTask.HELD_OUT_KEY,
                    x.length), e.target());
            assertTrue(TASK.isHeldOut(shorter));
        }
        for (Example e : TASK.trainingBatch(1, 1, 100)) {
            seen.add(TASK.isHeldOut(e));
        }
        assertEquals(Set.of(false), seen);
        assertFalse(TASK.passages(8) == 0);
        assertTrue(TASK.passages(16) >= TASK.passages(8));
    }

    @Test
    void badSettingsAreOneLineErrors() {
        assertBadInput(() -> new LastWordTask("t", text(50, 2), 50, LengthRange.of(8, 12), LengthRange.of(16, 16)),
                "vocabulary size is 50", "100 function words");
        assertBadInput(() -> new LastWordTask("t", "a b c d e f", 200, LengthRange.of(2, 3), LengthRange.of(4, 4)),
                "no passage of 2 words");
    }
}
