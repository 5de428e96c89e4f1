package newarch.data.wordpiece;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * BERT's basic tokenisation (Devlin et al. 2019, as Hugging Face's {@code BertTokenizer} runs it): text → words,
 * before WordPiece splits each word further.
 * <ol>
 * <li>Clean: delete NUL, U+FFFD and control/format characters; every whitespace character becomes a space.</li>
 * <li>Put spaces around each CJK ideograph, so that Chinese, written without spaces, splits into characters.</li>
 * <li>Split on whitespace.</li>
 * <li>Per word, unless it is in {@code neverSplit}: strip accents (NFD, then drop the non-spacing marks, Mn), then
 * lower-case, one code point at a time as Hugging Face tokenizers does (so a final Σ becomes σ, not ς).</li>
 * <li>Make every punctuation character a word of its own.</li>
 * </ol>
 */
public final class BasicTokenizer {
    private final boolean lowerCase;
    private final boolean stripAccents;
    private final boolean tokenizeChineseChars;
    private final Set<String> neverSplit;

    /**
     * @param lowerCase            {@code do_lower_case}
     * @param stripAccents         {@code strip_accents}; null follows {@code lowerCase}, as in the original BERT,
     *                             where the uncased models strip accents and the cased ones keep them
     * @param tokenizeChineseChars {@code tokenize_chinese_chars}: one word per CJK ideograph
     * @param neverSplit           whole whitespace-delimited words kept exactly as written (no case folding, no
     *                             accent stripping, no punctuation split)
     */
    public BasicTokenizer(boolean lowerCase, Boolean stripAccents, boolean tokenizeChineseChars, Set<String> neverSplit) {
        this.lowerCase = lowerCase;
        this.stripAccents = stripAccents == null ? lowerCase : stripAccents;
        this.tokenizeChineseChars = tokenizeChineseChars;
        this.neverSplit = Set.copyOf(neverSplit);
    }

    /** BERT-base-uncased's settings: lower-case, strip accents, split CJK. */
    public static BasicTokenizer uncased() {
        return new BasicTokenizer(true, null, true, Set.of());
    }

    public List<String> tokenize(String text) {
        List<String> words = new ArrayList<>();
        for (String word : splitOnSpaces(spaceOutChinese(clean(text)))) {
            if (neverSplit.contains(word)) {
                words.add(word);
            } else {
                splitOnPunctuation(normalize(word), words);
            }
        }
        return words;
    }

    /** Accent stripping and lower-casing as configured; other code points pass unchanged. */
    String normalize(String word) {
        String w = word;
        if (stripAccents) {
            w = stripAccents(w);
        }
        if (lowerCase) {
            StringBuilder out = new StringBuilder(w.length());
            // Code point by code point: String.toLowerCase on the whole word would apply the final-sigma rule,
            // which Hugging Face's per-character lower-casing does not.
            w.codePoints().forEach(cp -> out.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT)));
            w = out.toString();
        }
        return w;
    }

    static String stripAccents(String word) {
        StringBuilder out = new StringBuilder(word.length());
        Normalizer.normalize(word, Normalizer.Form.NFD).codePoints()
                .filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK)
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == 0 || cp == 0xFFFD || BertCharacters.isControl(cp)) {
                return;
            }
            out.appendCodePoint(BertCharacters.isWhitespace(cp) ? ' ' : cp);
        });
        return out.toString();
    }

    private String spaceOutChinese(String text) {
        if (!tokenizeChineseChars) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (BertCharacters.isChineseChar(cp)) {
                out.append(' ').appendCodePoint(cp).append(' ');
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private static List<String> splitOnSpaces(String text) {
        List<String> words = new ArrayList<>();
        for (String w : text.split(" ")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    /** Appends the runs between punctuation characters and each punctuation character alone. */
    private static void splitOnPunctuation(String word, List<String> out) {
        StringBuilder run = new StringBuilder();
        word.codePoints().forEach(cp -> {
            if (BertCharacters.isPunctuation(cp) || BertCharacters.isWhitespace(cp)) {
                if (!run.isEmpty()) {
                    out.add(run.toString());
                    run.setLength(0);
                }
                if (!BertCharacters.isWhitespace(cp)) {
                    out.add(new String(Character.toChars(cp)));
                }
            } else {
                run.appendCodePoint(cp);
            }
        });
        if (!run.isEmpty()) {
            out.add(run.toString());
        }
    }
}
