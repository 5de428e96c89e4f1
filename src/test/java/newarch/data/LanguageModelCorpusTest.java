package newarch.data;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import newarch.data.LanguageModelBatcher.Batch;
import newarch.data.LanguageModelCorpus.Split;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The 90/5/5 split, a training-only vocabulary, and the batches a language model trains and is evaluated on. */
class LanguageModelCorpusTest {
    /** 200 characters: "abcdefghij" twenty times, so every split sees a known pattern. */
    private static final Corpus LETTERS = new Corpus("letters", "abcdefghij".repeat(20));

    @Test
    void contiguousNinetyFiveFiveSplit() {
        LanguageModelCorpus c = LanguageModelCorpus.of(LETTERS, new CharacterTokenizer(), 1);
        assertEquals(180, c.size(Split.TRAIN));
        assertEquals(10, c.size(Split.VALID));
        assertEquals(10, c.size(Split.TEST));
        assertEquals("abcdefghij".repeat(18), c.decode(c.ids(Split.TRAIN)));
        assertEquals("abcdefghij", c.decode(c.ids(Split.VALID)));
        assertEquals(14, c.vocabulary().size()); // 4 reserved + 10 letters
        assertEquals(c.decode(c.ids(Split.TEST)),
                LanguageModelCorpus.of(LETTERS, new CharacterTokenizer(), 1).decode(c.ids(Split.TEST)));
    }

    @Test
    void theVocabularyComesFromTheTrainingPartOnly() {
        Corpus text = new Corpus("t", "the cat sat on the mat . ".repeat(9) + "a dog ran .");
        LanguageModelCorpus c = LanguageModelCorpus.of(text, new WordTokenizer(true), 1, 0.9, 0.05);
        assertTrue(c.vocabulary().contains("cat"));
        assertTrue(!c.vocabulary().contains("dog"), "dog appears only after the training part");
        assertTrue(c.unknownRate(Split.TEST) > 0);
        assertEquals(0.0, c.unknownRate(Split.TRAIN));
        LanguageModelCorpus rare = LanguageModelCorpus.of(text, new WordTokenizer(true), 10, 0.9, 0.05);
        assertTrue(!rare.vocabulary().contains("cat"), "cat appears 9 times, fewer than the minimum 10");
        assertTrue(rare.vocabulary().contains("the"));
    }

    @Test
    void randomWindowsAreShiftedByOneAndSeeded() {
        LanguageModelCorpus c = LanguageModelCorpus.of(LETTERS, new CharacterTokenizer(), 1);
        Batch b = c.batcher(Split.TRAIN, 6, 42).next(4);
        assertArrayEquals(new long[] {4, 6}, b.inputs().shape());
        assertEquals(DataType.LONG, b.inputs().dataType());
        assertEquals(24, b.tokens());
        for (int r = 0; r < 4; r++) {
            for (int t = 0; t < 5; t++) {
                assertEquals(b.inputs().getLong(r, t + 1), b.targets().getLong(r, t));
            }
            // consecutive letters: each target follows its input in the alphabet cycle
            String in = c.decode(new int[] {(int) b.inputs().getLong(r, 5)});
            String next = c.decode(new int[] {(int) b.targets().getLong(r, 5)});
            assertEquals("abcdefghija".indexOf(in) + 1, "abcdefghija".indexOf(next, 1));
        }
        assertEquals(b, c.batcher(Split.TRAIN, 6, 42).next(4));
        assertNotEquals(b, c.batcher(Split.TRAIN, 6, 43).next(4));
    }

    @Test
    void sequentialWindowsCoverTheStreamInOrder() {
        int[] ids = new int[23];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        List<Batch> batches = new LanguageModelBatcher(ids, 5, 0).sequential(3);
        // (23 − 1) / 5 = 4 windows: starts 0, 5, 10 in the first batch, 15 in the second; tokens 21, 22 left over
        assertEquals(2, batches.size());
        assertArrayEquals(new long[] {3, 5}, batches.get(0).inputs().shape());
        assertArrayEquals(new long[] {1, 5}, batches.get(1).inputs().shape());
        INDArray lastTargets = batches.get(1).targets();
        assertArrayEquals(new long[] {16, 17, 18, 19, 20}, lastTargets.toLongVector());
        assertEquals(10, batches.get(0).inputs().getLong(2, 0));
    }

    @Test
    void badArgumentsAreOneLine() {
        assertBadInput(() -> new LanguageModelBatcher(new int[5], 5, 0), "5 tokens", "at least 6");
        assertBadInput(() -> new LanguageModelBatcher(new int[5], 0, 0), "window length is 0");
        assertBadInput(() -> new LanguageModelBatcher(new int[9], 2, 0).next(0), "batch size is 0");
        assertBadInput(() -> LanguageModelCorpus.of(new Corpus("x", "a"), new CharacterTokenizer(), 1), "'x'",
                "only 1 tokens");
        assertBadInput(() -> LanguageModelCorpus.of(LETTERS, new CharacterTokenizer(), 1, 0.9, 0.2), "add up");
    }
}
