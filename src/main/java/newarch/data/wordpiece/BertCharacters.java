package newarch.data.wordpiece;

/**
 * The character classes BERT's basic tokenisation is defined by. They follow Hugging Face tokenizers'
 * {@code BertNormalizer} and {@code BertPreTokenizer} (the pipeline behind transformers' {@code BertTokenizer}), which
 * differ from Java's own {@link Character#isWhitespace} (no-break spaces count here) and punctuation notions.
 */
final class BertCharacters {
    private BertCharacters() {
    }

    /**
     * Control and format characters (Unicode Cc, Cf, Co), which clean-up deletes; tab, newline and carriage return are
     * Cc too but count as whitespace instead.
     */
    static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE;
    }

    /** The Unicode White_Space property (Rust's {@code char::is_whitespace}), which includes no-break spaces. */
    static boolean isWhitespace(int cp) {
        return switch (cp) {
            case '\t', '\n', 0x0B, 0x0C, '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> cp >= 0x2000 && cp <= 0x200A;
        };
    }

    /**
     * BERT's punctuation: every non-alphanumeric printable ASCII character (so {@code $}, {@code +}, {@code ^} and
     * {@code `} count although Unicode calls them symbols) and every character of Unicode category P*.
     */
    static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /**
     * A CJK ideograph: the CJK Unified Ideographs block, its extensions and the compatibility ideographs, with the
     * ranges Hugging Face tokenizers uses. Chinese is written without spaces between words, so each ideograph becomes
     * a word of its own. Hangul, hiragana and katakana are not included: those scripts space their words.
     */
    static boolean isChineseChar(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF)
                || (cp >= 0x3400 && cp <= 0x4DBF)
                || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F)
                || (cp >= 0x2B740 && cp <= 0x2B81F)
                || (cp >= 0x2B920 && cp <= 0x2CEAF)
                || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }
}
