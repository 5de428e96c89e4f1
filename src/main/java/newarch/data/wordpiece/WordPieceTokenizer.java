package newarch.data.wordpiece;

import java.util.ArrayList;
import java.util.List;

/**
 * WordPiece (Wu et al. 2016, as in BERT): a word becomes the longest vocabulary entry that starts it, then the
 * longest {@code ##}-prefixed entry that continues from there, and so on: "unbelievably" → un ##believ ##able ##ly.
 * Greedy longest-match-first needs no scores, only the vocabulary. A word with any stretch no entry covers, or longer
 * than {@code maxInputCharsPerWord} code points, becomes the single unknown token.
 */
public final class WordPieceTokenizer {
    /** The prefix that marks a piece continuing a word. */
    public static final String CONTINUATION = "##";

    private final WordPieceVocabulary vocab;
    private final String unkToken;
    private final int maxInputCharsPerWord;

    public WordPieceTokenizer(WordPieceVocabulary vocab, String unkToken, int maxInputCharsPerWord) {
        if (maxInputCharsPerWord < 0) {
            throw new IllegalArgumentException("max_input_chars_per_word is " + maxInputCharsPerWord
                    + " but must not be negative");
        }
        this.vocab = vocab;
        this.unkToken = unkToken;
        this.maxInputCharsPerWord = maxInputCharsPerWord;
    }

    /** The pieces of one word (no whitespace inside), or [unkToken]. */
    public List<String> tokenize(String word) {
        int n = word.codePointCount(0, word.length());
        if (n > maxInputCharsPerWord) {
            return List.of(unkToken);
        }
        List<String> pieces = new ArrayList<>();
        int start = 0; // UTF-16 index, always on a code point boundary
        while (start < word.length()) {
            String match = null;
            int end = word.length();
            while (start < end) {
                String candidate = (start > 0 ? CONTINUATION : "") + word.substring(start, end);
                if (vocab.contains(candidate)) {
                    match = candidate;
                    break;
                }
                end = word.offsetByCodePoints(end, -1); // shorten by one code point, never half a surrogate pair
            }
            if (match == null) {
                return List.of(unkToken);
            }
            pieces.add(match);
            start = end;
        }
        return pieces;
    }

    public String unkToken() {
        return unkToken;
    }
}
