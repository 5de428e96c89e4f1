package newarch.data.pretraining;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import newarch.data.Vocabulary;
import org.junit.jupiter.api.Test;

class PreTrainingDataTest {

    @Test
    void maskingSelectsFifteenPercentAndSplitsThemEightyTenTen() {
        int b = 200;
        int len = 100;
        long[][] clean = new long[b][len];
        boolean[][] maskable = new boolean[b][len];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < len; j++) {
                clean[i][j] = 10 + (i * 7 + j) % 50;
                maskable[i][j] = j > 0 && j < len - 1;        // [CLS] and [SEP] never
            }
        }
        long[][] in = new long[b][len];
        long[][] labels = new long[b][len];
        MaskedTokens.corrupt(clean, in, labels, maskable, 4, 5, 60, new SplittableRandom(1));
        int selected = 0;
        int asMask = 0;
        int kept = 0;
        int maskable_ = 0;
        for (int i = 0; i < b; i++) {
            assertEquals(MaskedTokens.IGNORED, labels[i][0]);
            assertEquals(clean[i][0], in[i][0]);
            for (int j = 0; j < len; j++) {
                maskable_ += maskable[i][j] ? 1 : 0;
                if (labels[i][j] == MaskedTokens.IGNORED) {
                    assertEquals(clean[i][j], in[i][j], "unselected tokens are untouched");
                    continue;
                }
                assertEquals(clean[i][j], labels[i][j], "the label is the original token");
                selected++;
                asMask += in[i][j] == 4 ? 1 : 0;
                kept += in[i][j] == clean[i][j] ? 1 : 0;
                assertTrue(in[i][j] == 4 || (in[i][j] >= 5 && in[i][j] < 60));
            }
        }
        assertEquals(0.15, (double) selected / maskable_, 0.01);
        assertEquals(0.8, (double) asMask / selected, 0.02);
        // kept: 10 % on purpose, plus the random draws that happen to hit the same word (1 in 55).
        assertEquals(0.1 + 0.1 / 55, (double) kept / selected, 0.02);
    }

    private static List<List<int[]>> documents() {
        List<List<int[]>> docs = new ArrayList<>();
        for (int d = 0; d < 4; d++) {
            List<int[]> sentences = new ArrayList<>();
            for (int s = 0; s < 3; s++) {
                sentences.add(new int[] {100 * d + 10 * s + 5, 100 * d + 10 * s + 6});
            }
            docs.add(sentences);
        }
        return docs;
    }

    @Test
    void nspPairsAreConsecutiveOrFromAnotherDocument() {
        SentencePairs pairs = new SentencePairs(documents(), SentencePairs.Task.NSP, 20, 1, 2);
        SplittableRandom r = new SplittableRandom(2);
        int[] labels = new int[2];
        for (int i = 0; i < 400; i++) {
            SentencePairs.Pair p = pairs.sample(r);
            long a = p.inputIds()[1];
            long b = p.inputIds()[4];
            labels[p.label()]++;
            if (p.label() == 0) {
                assertEquals(a + 10, b, "is-next: B is the sentence after A");
            } else {
                assertTrue(a / 100 != b / 100, "random: B comes from another document");
            }
            assertArrayEquals(new long[] {0, 0, 0, 0, 1, 1, 1}, p.tokenTypes());
            assertEquals(1, p.inputIds()[0]);
            assertEquals(2, p.inputIds()[3]);
            assertEquals(2, p.inputIds()[6]);
        }
        assertTrue(labels[0] > 150 && labels[1] > 150, Arrays.toString(labels));
    }

    @Test
    void sopPairsAreConsecutiveInOrderOrSwapped() {
        SentencePairs pairs = new SentencePairs(documents(), SentencePairs.Task.SOP, 20, 1, 2);
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 100; i++) {
            SentencePairs.Pair p = pairs.sample(r);
            long a = p.inputIds()[1];
            long b = p.inputIds()[4];
            assertEquals(p.label() == 0 ? a + 10 : a - 10, b);
        }
    }

    @Test
    void longPairsAreTrimmedFromTheLongerSentence() {
        SentencePairs pairs = new SentencePairs(documents(), SentencePairs.Task.SOP, 8, 1, 2);
        SentencePairs.Pair p = pairs.layout(new int[] {10, 11, 12, 13, 14, 15}, new int[] {20, 21}, 0);
        assertArrayEquals(new long[] {1, 10, 11, 12, 2, 20, 21, 2}, p.inputIds());
        assertBadInput(() -> new SentencePairs(documents(), SentencePairs.Task.NSP, 4, 1, 2), "maxLength is 4");
        assertBadInput(() -> new SentencePairs(documents().subList(0, 1), SentencePairs.Task.NSP, 8, 1, 2),
                "at least 2 documents");
    }

    @Test
    void theCorpusUsesTheSharedSpecialsAndHoldsOutTheLastTenth() {
        StringBuilder text = new StringBuilder();
        for (int p = 0; p < 40; p++) {
            text.append("Call me Ishmael number ").append(p % 7).append(". The whale swam! Why? \n");
        }
        PreTrainingCorpus c = new PreTrainingCorpus(text.toString(), 50);
        assertEquals(PreTrainingCorpus.MASK, c.vocabulary().token(PreTrainingCorpus.MASK_ID));
        assertEquals(Vocabulary.BOS, PreTrainingCorpus.CLS);
        assertEquals(36, c.training().size());
        assertEquals(4, c.heldOut().size());
        assertEquals(3, c.training().get(0).size(), "three sentences per paragraph");
        assertBadInput(() -> new PreTrainingCorpus("One. Two.\nThree.", 50), "at least 20");
    }
}
