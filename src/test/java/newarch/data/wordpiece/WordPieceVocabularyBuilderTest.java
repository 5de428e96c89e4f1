package newarch.data.wordpiece;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordPieceVocabularyBuilderTest {
    /** "the" ×5, "walked" ×3, and rare words that share the beginning "talk" and the ending "ing". */
    private static List<String> corpus() {
        List<String> words = new ArrayList<>();
        words.addAll(Collections.nCopies(5, "the"));
        words.addAll(Collections.nCopies(3, "walked"));
        words.addAll(List.of("talking", "talked", "talks", "singing", "ringing", "x"));
        return words;
    }

    @Test
    void frequentWordsStayWholeAndRareOnesSplitIntoCommonPieces() {
        List<String> vocabulary = new WordPieceVocabularyBuilder(3, 4, 2, 2).build(corpus());
        assertEquals(List.of("the", "walked"), vocabulary.subList(0, 2));      // by falling count
        assertFalse(vocabulary.contains("talking"));
        WordPieceTokenizer tokenizer = WordPieceVocabularyBuilder.tokenizer(vocabulary);
        assertEquals(List.of("walked"), tokenizer.tokenize("walked"));
        // "##ing" (3 rare words) and "talk" (3) are the commonest pieces of their kind
        assertTrue(vocabulary.contains("##ing"));
        assertTrue(vocabulary.contains("talk"));
        assertEquals(List.of("talk", "##ing"), tokenizer.tokenize("talking"));
        // every character is a piece both ways, so no word of known characters is unknown
        assertEquals(List.of("w", "##i", "##n", "##d"), tokenizer.tokenize("wind"));
        assertEquals(List.of("[UNK]"), tokenizer.tokenize("zebra"));
    }

    @Test
    void badSettings() {
        assertBadInput(() -> new WordPieceVocabularyBuilder(0, 4, 1, 1), "min word count 0");
        assertBadInput(() -> new WordPieceVocabularyBuilder(1, 1, 1, 1), "max piece length 1");
    }
}
