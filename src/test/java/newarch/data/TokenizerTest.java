package newarch.data;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void charactersIncludingSpacesAndNonAscii() {
        CharacterTokenizer t = new CharacterTokenizer();
        assertEquals(List.of("a", " ", "—", "b", "\n", "😀"), t.tokenize("a —b\n😀"));
        assertEquals("a —b\n😀", t.detokenize(t.tokenize("a —b\n😀")));
    }

    @Test
    void wordsNumbersAndPunctuation() {
        WordTokenizer lower = new WordTokenizer(true);
        assertEquals(List.of("call", "me", "ishmael", ".", "the", "whale’s", "sperm-whale", ",", "1851", "!"),
                lower.tokenize("Call me Ishmael. The whale’s  sperm-whale,\n1851!"));
        assertEquals(List.of("Call", "—", "me"), new WordTokenizer(false).tokenize("Call—me"));
        assertEquals("call me .", lower.detokenize(List.of("call", "me", ".")));
    }

    @Test
    void vocabularyKeepsFrequentTokensMostFrequentFirst() {
        List<String> tokens = List.of("b", "a", "c", "a", "b", "a", "d", "<unk>");
        Vocabulary v = VocabularyBuilder.build(tokens, 2);
        // reserved ids first, then a (3 times), b (2); c and d are rarer than 2 and become UNK
        assertEquals(List.of("<pad>", "<bos>", "<eos>", "<unk>", "a", "b"), v.tokens());
        assertArrayEquals(new int[] {5, 4, Vocabulary.UNK, 4, 5, 4, Vocabulary.UNK, Vocabulary.UNK},
                VocabularyBuilder.encode(v, tokens));
        assertEquals(List.of("a", "<unk>"), VocabularyBuilder.decode(v, new int[] {4, 3}));
        // ties are broken by spelling, so ids never depend on hash order
        assertEquals(List.of("x", "y", "z"), VocabularyBuilder.build(List.of("z", "y", "x"), 1).tokens().subList(4, 7));
        assertBadInput(() -> VocabularyBuilder.build(tokens, 0), "minFrequency is 0");
    }
}
