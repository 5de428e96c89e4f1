package newarch.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Token ↔ id mapping with the reserved ids every model and task in the library share:
 * {@link #PAD} 0 (ignored by attention and loss), {@link #BOS} 1 (start of a target), {@link #EOS} 2 (end), {@link #UNK} 3.
 */
public final class Vocabulary {
    public static final int PAD = 0;
    public static final int BOS = 1;
    public static final int EOS = 2;
    public static final int UNK = 3;
    private static final List<String> RESERVED = List.of("<pad>", "<bos>", "<eos>", "<unk>");

    private final List<String> tokens;
    private final Map<String, Integer> ids = new HashMap<>();

    /** The reserved tokens followed by {@code symbols} in their given order (duplicates are an error). */
    public Vocabulary(List<String> symbols) {
        List<String> all = new ArrayList<>(RESERVED);
        all.addAll(symbols);
        for (int i = 0; i < all.size(); i++) {
            if (ids.put(all.get(i), i) != null) {
                throw new IllegalArgumentException("vocabulary: token '" + all.get(i) + "' appears twice");
            }
        }
        tokens = Collections.unmodifiableList(all);
    }

    public int size() {
        return tokens.size();
    }

    /** The id of {@code token}, or {@link #UNK} when it is not in the vocabulary. */
    public int id(String token) {
        return ids.getOrDefault(token, UNK);
    }

    public boolean contains(String token) {
        return ids.containsKey(token);
    }

    public String token(int id) {
        if (id < 0 || id >= tokens.size()) {
            throw new IllegalArgumentException("vocabulary: id " + id + " is outside [0, " + tokens.size() + ")");
        }
        return tokens.get(id);
    }

    public List<String> tokens() {
        return tokens;
    }
}
