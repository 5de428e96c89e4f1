package newarch.embeddings;

import java.util.List;
import newarch.data.Corpus;
import newarch.data.Vocabulary;
import newarch.data.VocabularyBuilder;
import newarch.data.WordTokenizer;

/**
 * A corpus as word ids over its {@code size} most frequent words (lower-cased, {@link WordTokenizer}); every other
 * word becomes {@link Vocabulary#UNK}. A small vocabulary keeps a full softmax cheap and gives each word enough
 * occurrences to learn from.
 */
public record TopWords(Vocabulary vocabulary, int[] ids) {

    public static TopWords of(Corpus corpus, int size) {
        return of(new WordTokenizer(true).tokenize(corpus.text()), size);
    }

    public static TopWords of(List<String> tokens, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size is " + size + " but must be at least 1 word");
        }
        List<String> byFrequency = VocabularyBuilder.build(tokens, 1).tokens();
        List<String> words = byFrequency.subList(Vocabulary.UNK + 1, Math.min(byFrequency.size(), Vocabulary.UNK + 1 + size));
        Vocabulary vocabulary = new Vocabulary(words);
        return new TopWords(vocabulary, VocabularyBuilder.encode(vocabulary, tokens));
    }

    /** The fraction of tokens that became UNK. */
    public double unknownRate() {
        long unk = java.util.Arrays.stream(ids).filter(i -> i == Vocabulary.UNK).count();
        return ids.length == 0 ? 0 : (double) unk / ids.length;
    }
}
