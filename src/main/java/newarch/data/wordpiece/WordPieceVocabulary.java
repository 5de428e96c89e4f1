package newarch.data.wordpiece;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A WordPiece vocabulary: BERT's {@code vocab.txt}, one token per line, a token's id being its line number from 0.
 * Pieces that continue a word carry the prefix {@code ##} ("##ing"); whole-word starts do not.
 */
public final class WordPieceVocabulary {
    private final List<String> tokens;
    private final Map<String, Integer> ids;

    private WordPieceVocabulary(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
        this.ids = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            ids.put(tokens.get(i), i); // a repeated line keeps its last id, as Hugging Face's load_vocab does
        }
    }

    public static WordPieceVocabulary of(List<String> tokens) {
        return new WordPieceVocabulary(tokens);
    }

    /**
     * Reads {@code vocab.txt} (UTF-8). Only the line break {@code \n} ends a token, exactly as the reference reads
     * the file, so a final newline adds no empty token.
     */
    public static WordPieceVocabulary load(Path vocabFile) {
        if (!Files.isRegularFile(vocabFile)) {
            throw new IllegalArgumentException("WordPiece vocabulary file not found: " + vocabFile);
        }
        String text;
        try {
            text = Files.readString(vocabFile, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read WordPiece vocabulary " + vocabFile + ": " + e.getMessage());
        }
        return of(lines(text));
    }

    /** Splits on {@code \n} only; a trailing newline closes the last line rather than opening an empty one. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                out.add(text.substring(start));
                break;
            }
            out.add(text.substring(start, end));
            start = end + 1;
        }
        return out;
    }

    public boolean contains(String token) {
        return ids.containsKey(token);
    }

    /** The token's id, or −1 when the vocabulary lacks it. */
    public int id(String token) {
        Integer id = ids.get(token);
        return id == null ? -1 : id;
    }

    public String token(int id) {
        return tokens.get(id);
    }

    /** Lines in the file (ids run 0 … size−1). */
    public int size() {
        return tokens.size();
    }
}
