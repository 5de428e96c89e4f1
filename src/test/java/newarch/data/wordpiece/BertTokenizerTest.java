package newarch.data.wordpiece;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BertTokenizerTest {
    private static final List<String> TOKENS = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
            "un", "##aff", "##able", "##believ", "##ly", "cafe", "café", "the", "a", "b", "##b", "σ", "σας", "Σ",
            "自", "注", "意", "!", ",", ".", "$", "`", "resume", "résumé", "hello", "HeLLo", "[FOO]", "𝒜", "##𝒜");

    private static WordPieceVocabulary vocab() {
        return WordPieceVocabulary.of(TOKENS);
    }

    private static List<String> basic(boolean lower, Boolean strip, boolean chinese, String text) {
        return new BasicTokenizer(lower, strip, chinese, Set.of()).tokenize(text);
    }

    @Test
    void cleansControlsAndNormalisesWhitespace() {
        // \u0000 and \uFFFD vanish; the zero-width joiner (Cf) and \u000B (Cc) are deleted, not spaces; \u00A0
        // (no-break space), \u3000 and \u2028 are whitespace.
        assertEquals(List.of("ab", "cd", "e", "f", "gh"),
                basic(true, null, true, "a\u0000b\u00A0c\u200Dd\te\u3000f\u2028g\u000Bh\uFFFD"));
        assertEquals(List.of(), basic(true, null, true, " \t\n "));
    }

    @Test
    void accentsFollowLowerCaseUnlessSetExplicitly() {
        assertEquals(List.of("hallo", "!", "resume"), basic(true, null, true, "HäLLo! Résumé"));
        assertEquals(List.of("hällo", "!", "résumé"), basic(true, false, true, "HäLLo! Résumé"));
        assertEquals(List.of("HäLLo", "!"), basic(false, null, true, "HäLLo!"));
        assertEquals(List.of("HaLLo", "!"), basic(false, true, true, "HäLLo!"));
        // A decomposed accent (e + U+0301) without stripping stays as written (no NFC).
        assertEquals(List.of("cafe\u0301"), basic(false, false, true, "cafe\u0301"));
    }

    @Test
    void lowerCasesOneCodePointAtATime() {
        // A word-final capital sigma becomes σ (not ς), as in Hugging Face's per-character lower-casing.
        assertEquals(List.of("σασ"), basic(true, false, true, "ΣΑΣ"));
        // İ lower-cases to i + combining dot above; stripping accents first leaves a plain i.
        assertEquals(List.of("i\u0307"), basic(true, false, true, "İ"));
        assertEquals(List.of("i"), basic(true, null, true, "İ"));
    }

    @Test
    void splitsPunctuationIncludingAsciiSymbols() {
        assertEquals(List.of("a", "$", "5", "+", "b", "`", "c", "^", "d", "«", "e", "»", "…"),
                basic(true, null, true, "a$5+b`c^d«e»…"));
        // ¢ and © are symbols (Sc, So), not punctuation, outside ASCII.
        assertEquals(List.of("a¢b©c"), basic(true, null, true, "a¢b©c"));
    }

    @Test
    void chineseCharactersBecomeWordsWhenAsked() {
        assertEquals(List.of("自", "注", "意", "ab", "。"), basic(true, null, true, "自注意ab。"));
        assertEquals(List.of("自注意ab", "。"), basic(true, null, false, "自注意ab。"));
        // Hiragana and Hangul are not CJK ideographs: they stay in their words. (Stripping accents also strips
        // the voicing mark of が, a non-spacing mark after NFD.)
        assertEquals(List.of("ひらがなㅎ"), basic(true, false, true, "ひらがなㅎ"));
        assertEquals(List.of("ひらかなㅎ"), basic(true, null, true, "ひらがなㅎ"));
    }

    @Test
    void wordPieceIsGreedyLongestMatchFirst() {
        WordPieceTokenizer wp = new WordPieceTokenizer(vocab(), "[UNK]", 100);
        assertEquals(List.of("un", "##aff", "##able"), wp.tokenize("unaffable"));
        assertEquals(List.of("un", "##believ", "##able"), wp.tokenize("unbelievable"));
        assertEquals(List.of("[UNK]"), wp.tokenize("unbelievably")); // ##ably is not in the vocabulary
        assertEquals(List.of("[UNK]"), wp.tokenize("unx"));     // one uncovered piece spoils the word
        assertEquals(List.of("b", "##b", "##b"), wp.tokenize("bbb"));
        // A supplementary character counts once and is never cut in half.
        assertEquals(List.of("𝒜", "##𝒜"), wp.tokenize("𝒜𝒜"));
    }

    @Test
    void longWordsBecomeUnknownPastTheLimitInCodePoints() {
        WordPieceTokenizer wp = new WordPieceTokenizer(vocab(), "[UNK]", 4);
        assertEquals(List.of("b", "##b", "##b", "##b"), wp.tokenize("bbbb"));
        assertEquals(List.of("[UNK]"), wp.tokenize("bbbbb"));
        assertEquals(List.of("𝒜", "##𝒜", "##𝒜", "##𝒜"), wp.tokenize("𝒜𝒜𝒜𝒜")); // 8 UTF-16 units, 4 code points
        String hundredAndOne = "b".repeat(101);
        assertEquals(List.of("[UNK]"), new WordPieceTokenizer(vocab(), "[UNK]", 100).tokenize(hundredAndOne));
        assertEquals(100, new WordPieceTokenizer(vocab(), "[UNK]", 100).tokenize("b".repeat(100)).size());
    }

    @Test
    void encodesWithClsAndSep() {
        BertTokenizer t = new BertTokenizer(vocab(), BertTokenizerConfig.uncased());
        assertEquals(List.of("un", "##aff", "##able", ",", "the", "cafe", "!"), t.tokenize("UnAffable, the Café!"));
        assertArrayEquals(new int[] {2, 5, 6, 7, 23, 12, 10, 22, 3}, t.encode("UnAffable, the Café!"));
        assertArrayEquals(new int[] {5, 6, 7}, t.encode("unaffable", false));
        assertArrayEquals(new int[] {2, 3}, t.encode(""));
        assertArrayEquals(new int[] {2, 1, 3}, t.encode("zzz"));
    }

    @Test
    void casedTokenizerKeepsCaseAndAccents() {
        BertTokenizer t = new BertTokenizer(vocab(), BertTokenizerConfig.cased());
        assertArrayEquals(new int[] {2, 30, 11, 1, 3}, t.encode("HeLLo café Hello"));
    }

    @Test
    void specialTokensInTheTextStayWhole() {
        BertTokenizer t = new BertTokenizer(vocab(), BertTokenizerConfig.uncased());
        assertEquals(List.of("the", "[MASK]", "a", "[SEP]", "b"), t.tokenize("The [MASK] a[SEP]b"));
        // Matching is exact: a lower-cased [mask] is ordinary text.
        assertEquals(List.of("[UNK]", "[UNK]", "[UNK]"), t.tokenize("[mask]"));
    }

    @Test
    void neverSplitWordsPassUntouched() {
        BertTokenizerConfig c = new BertTokenizerConfig(true, null, true, Set.of("[FOO]", "HeLLo", "[BAR]"), "[UNK]",
                "[SEP]", "[PAD]", "[CLS]", "[MASK]", 100);
        BertTokenizer t = new BertTokenizer(vocab(), c);
        assertEquals(List.of("[FOO]", "HeLLo", "hello", "[BAR]"), t.tokenize("[FOO] HeLLo hello [BAR]"));
        assertArrayEquals(new int[] {31, 30, 29, 1}, t.encode("[FOO] HeLLo hello [BAR]", false));
    }

    @Test
    void missingVocabularyFileNamesThePath(@TempDir Path dir) {
        Path missing = dir.resolve("nope").resolve("vocab.txt");
        assertBadInput(() -> BertTokenizer.load(missing, BertTokenizerConfig.uncased()), missing.toString(), "not found");
    }

    @Test
    void loadsVocabTxtLineByLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("vocab.txt");
        Files.writeString(file, "[PAD]\n[UNK]\n[CLS]\n[SEP]\nhello\n##s\n", StandardCharsets.UTF_8);
        WordPieceVocabulary v = WordPieceVocabulary.load(file);
        assertEquals(6, v.size());
        assertEquals(5, v.id("##s"));
        assertEquals(-1, v.id(""));
        assertArrayEquals(new int[] {2, 4, 5, 3}, BertTokenizer.load(file, BertTokenizerConfig.uncased()).encode("Hellos"));
    }

    @Test
    void vocabularyWithoutNeededSpecialTokensIsAnError() {
        BertTokenizer noUnk = new BertTokenizer(WordPieceVocabulary.of(List.of("[CLS]", "[SEP]", "a")),
                BertTokenizerConfig.uncased());
        assertArrayEquals(new int[] {0, 2, 1}, noUnk.encode("a"));   // [UNK] is not needed here
        assertBadInput(() -> noUnk.encode("a b"), "unk_token", "[UNK]", "\"b\"");
        BertTokenizer noCls = new BertTokenizer(WordPieceVocabulary.of(List.of("[UNK]", "[SEP]", "a")),
                BertTokenizerConfig.uncased());
        assertBadInput(() -> noCls.encode("a"), "cls_token", "[CLS]");
        assertArrayEquals(new int[] {2}, noCls.encode("a", false));
        BertTokenizer noSep = new BertTokenizer(WordPieceVocabulary.of(List.of("[UNK]", "[CLS]", "a")),
                BertTokenizerConfig.uncased());
        assertBadInput(() -> noSep.encode("a"), "sep_token", "[SEP]");
    }

    @Test
    void badOptionsAreRejected() {
        assertBadInput(() -> new WordPieceTokenizer(vocab(), "[UNK]", -1), "max_input_chars_per_word", "-1");
        assertBadInput(() -> new BertTokenizerConfig(true, null, true, Set.of(), "", "[SEP]", "[PAD]", "[CLS]",
                "[MASK]", 100), "unk_token");
    }
}
