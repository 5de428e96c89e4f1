package newarch.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds a {@link Vocabulary} from the tokens of a training text. */
public final class VocabularyBuilder {
    private VocabularyBuilder() {
    }

    /**
     * Every token seen at least {@code minFrequency} times, most frequent first (ties in code-point order, so the ids
     * are the same on every run); rarer tokens are left out and so map to {@link Vocabulary#UNK}. Tokens spelled like
     * the reserved ones ("&lt;unk&gt;") keep their reserved ids.
     */
    public static Vocabulary build(List<String> tokens, int minFrequency) {
        if (minFrequency < 1) {
            throw new IllegalArgumentException("minFrequency is " + minFrequency + " but must be at least 1");
        }
        Map<String, Integer> counts = new HashMap<>();
        for (String t : tokens) {
            counts.merge(t, 1, Integer::sum);
        }
        Vocabulary reserved = new Vocabulary(List.of());
        List<String> kept = new ArrayList<>();
        counts.forEach((token, n) -> {
            if (n >= minFrequency && !reserved.contains(token)) {
                kept.add(token);
            }
        });
        kept.sort(Comparator.<String>comparingInt(counts::get).reversed().thenComparing(Comparator.naturalOrder()));
        return new Vocabulary(kept);
    }

    /** The ids of {@code tokens}; tokens outside the vocabulary become {@link Vocabulary#UNK}. */
    public static int[] encode(Vocabulary vocabulary, List<String> tokens) {
        int[] ids = new int[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = vocabulary.id(tokens.get(i));
        }
        return ids;
    }

    /** The tokens of {@code ids}. */
    public static List<String> decode(Vocabulary vocabulary, int[] ids) {
        List<String> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            out.add(vocabulary.token(id));
        }
        return out;
    }
}
