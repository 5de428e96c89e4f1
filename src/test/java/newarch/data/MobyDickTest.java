package newarch.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import newarch.data.LanguageModelCorpus.Split;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The real corpus, when scripts/fetch-corpora has put it in the cache; skipped otherwise (tests need no network). */
class MobyDickTest {

    @Test
    void theFetchedBookSplitsForCharacterAndWordModels() {
        Assumptions.assumeTrue(Files.isRegularFile(Corpus.location(Corpus.MOBY_DICK, Corpus.cacheDirectory())),
                "Moby-Dick is not fetched: run scripts/fetch-corpora");
        Corpus book = Corpus.mobyDick();
        assertTrue(book.text().startsWith("CHAPTER 1. Loomings.\nCall me Ishmael."), book.text().substring(0, 60));
        assertTrue(book.length() > 1_100_000, "length " + book.length());

        LanguageModelCorpus chars = LanguageModelCorpus.of(book, new CharacterTokenizer(), 1);
        assertTrue(chars.vocabulary().size() < 100, "characters: " + chars.vocabulary().size());
        assertEquals(book.length(), chars.size(Split.TRAIN) + chars.size(Split.VALID) + chars.size(Split.TEST));
        assertTrue(chars.unknownRate(Split.TEST) < 1e-3);

        LanguageModelCorpus words = LanguageModelCorpus.of(book, new WordTokenizer(true), 3);
        assertTrue(words.size(Split.TRAIN) > 200_000, "train words " + words.size(Split.TRAIN));
        assertTrue(words.vocabulary().size() > 5_000 && words.vocabulary().size() < 15_000,
                "word vocabulary " + words.vocabulary().size());
        assertTrue(words.unknownRate(Split.VALID) < 0.1, "valid UNK rate " + words.unknownRate(Split.VALID));
        assertEquals(64, words.batcher(Split.TRAIN, 32, 1).next(2).tokens());
    }
}
