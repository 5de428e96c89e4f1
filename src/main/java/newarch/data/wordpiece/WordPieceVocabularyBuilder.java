package newarch.data.wordpiece;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A WordPiece vocabulary for a corpus, built by counting rather than by BERT's likelihood-driven merges: the frequent
 * words stay whole, and the rare ones are covered by the pieces they are most often made of — the word beginnings
 * and {@code ##} endings of rare words that cover the most letters (length × occurrences), plus every single
 * character, so that {@link WordPieceTokenizer} never needs the unknown token for a word of known characters.
 *
 * <p>Why: a word seen twice in training gets an embedding row that hardly moves from its random start, while its
 * ending ("-ities", "-ly", "-ed") is seen thousands of times. Splitting rare words lets a small model use what a
 * suffix says about the word, as a tagger's hand-made suffix features do.
 */
public final class WordPieceVocabularyBuilder {
    private final int minWordCount;
    private final int maxPieceLength;
    private final int startPieces;
    private final int continuationPieces;

    /**
     * @param minWordCount       words seen at least this often stay whole
     * @param maxPieceLength     the longest beginning or ending counted, in characters
     * @param startPieces        how many word beginnings (besides whole words and single characters) to keep
     * @param continuationPieces how many {@code ##} endings (besides single characters) to keep
     */
    public WordPieceVocabularyBuilder(int minWordCount, int maxPieceLength, int startPieces, int continuationPieces) {
        if (minWordCount < 1 || maxPieceLength < 2 || startPieces < 0 || continuationPieces < 0) {
            throw new IllegalArgumentException("WordPiece vocabulary: min word count " + minWordCount
                    + " must be ≥ 1, max piece length " + maxPieceLength + " ≥ 2, and the piece counts " + startPieces
                    + " and " + continuationPieces + " ≥ 0");
        }
        this.minWordCount = minWordCount;
        this.maxPieceLength = maxPieceLength;
        this.startPieces = startPieces;
        this.continuationPieces = continuationPieces;
    }

    /** The vocabulary (no special tokens): whole words by falling count, then beginnings, endings, characters. */
    public List<String> build(Iterable<String> words) {
        Map<String, Long> counts = new HashMap<>();
        words.forEach(w -> counts.merge(w, 1L, Long::sum));
        Set<String> vocabulary = new LinkedHashSet<>();
        counts.entrySet().stream().filter(e -> e.getValue() >= minWordCount)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> vocabulary.add(e.getKey()));

        Map<String, Long> starts = new HashMap<>();
        Map<String, Long> endings = new HashMap<>();
        Set<String> characters = new LinkedHashSet<>();
        counts.forEach((word, count) -> {
            int[] cps = word.codePoints().toArray();
            for (int cp : cps) {
                characters.add(Character.toString(cp));
            }
            if (count >= minWordCount) {
                return;
            }
            for (int len = 2; len <= Math.min(maxPieceLength, cps.length - 1); len++) {
                // scored by the letters they would cover, so "talk" beats "tal" when both start the same words
                starts.merge(new String(cps, 0, len), count * len, Long::sum);
                endings.merge(WordPieceTokenizer.CONTINUATION + new String(cps, cps.length - len, len), count * len,
                        Long::sum);
            }
        });
        vocabulary.addAll(mostFrequent(starts, startPieces));
        vocabulary.addAll(mostFrequent(endings, continuationPieces));
        for (String c : characters) {
            vocabulary.add(c);
            vocabulary.add(WordPieceTokenizer.CONTINUATION + c);
        }
        return new ArrayList<>(vocabulary);
    }

    private static List<String> mostFrequent(Map<String, Long> counts, int n) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(n).map(Map.Entry::getKey).toList();
    }

    /** A tokenizer over {@code vocabulary} whose unknown token is {@code [UNK]}. */
    public static WordPieceTokenizer tokenizer(List<String> vocabulary) {
        return new WordPieceTokenizer(WordPieceVocabulary.of(vocabulary), "[UNK]", 100);
    }
}
