package newarch.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words, numbers and single punctuation marks as tokens, whitespace dropped: "Call me Ishmael." becomes
 * [call, me, ishmael, .]. A word may contain apostrophes and hyphens between letters (whale's, sperm-whale), so that
 * contractions and compounds stay whole as in word-level benchmarks.
 */
public final class WordTokenizer implements Tokenizer {
    private static final Pattern TOKEN =
            Pattern.compile("\\p{L}+(?:['’\\-]\\p{L}+)*|\\p{N}+|[^\\s\\p{L}\\p{N}]");

    private final boolean lowerCase;

    /** @param lowerCase fold case, so that "The" and "the" are one token (a smaller vocabulary, fewer UNKs) */
    public WordTokenizer(boolean lowerCase) {
        this.lowerCase = lowerCase;
    }

    @Override
    public List<String> tokenize(String text) {
        String t = lowerCase ? text.toLowerCase(Locale.ROOT) : text;
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(t);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** The lower-cased words of {@code text}, without punctuation or numbers (for word-level statistics). */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String t : new WordTokenizer(true).tokenize(text)) {
            if (Character.isLetter(t.codePointAt(0))) {
                out.add(t);
            }
        }
        return out;
    }

    /** Tokens separated by single spaces (the original spacing is not kept). */
    @Override
    public String detokenize(List<String> tokens) {
        return String.join(" ", tokens);
    }
}
