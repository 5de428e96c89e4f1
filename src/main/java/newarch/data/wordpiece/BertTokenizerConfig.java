package newarch.data.wordpiece;

import java.util.Set;

/**
 * The options of Hugging Face's {@code BertTokenizer}, under its names.
 *
 * @param doLowerCase          {@code do_lower_case}
 * @param stripAccents         {@code strip_accents}: null follows {@code do_lower_case}
 * @param tokenizeChineseChars {@code tokenize_chinese_chars}
 * @param neverSplit           {@code never_split}: words the basic tokeniser keeps whole and as written
 * @param unkToken             {@code unk_token}, the piece for a word WordPiece cannot cover
 * @param sepToken             {@code sep_token}, closing each sequence
 * @param padToken             {@code pad_token}
 * @param clsToken             {@code cls_token}, opening each sequence
 * @param maskToken            {@code mask_token}
 * @param maxInputCharsPerWord longer words become {@code unk_token} outright (100 in BERT)
 */
public record BertTokenizerConfig(boolean doLowerCase, Boolean stripAccents, boolean tokenizeChineseChars,
                                  Set<String> neverSplit, String unkToken, String sepToken, String padToken,
                                  String clsToken, String maskToken, int maxInputCharsPerWord) {
    public BertTokenizerConfig {
        neverSplit = Set.copyOf(neverSplit);
        for (String[] t : new String[][] {{"unk_token", unkToken}, {"sep_token", sepToken}, {"pad_token", padToken},
                {"cls_token", clsToken}, {"mask_token", maskToken}}) {
            if (t[1] == null || t[1].isEmpty()) {
                throw new IllegalArgumentException("BertTokenizer: " + t[0] + " must be a non-empty string");
            }
        }
    }

    /** The defaults: bert-base-uncased's lower-casing and accent stripping, [UNK] [SEP] [PAD] [CLS] [MASK], 100. */
    public static BertTokenizerConfig uncased() {
        return new BertTokenizerConfig(true, null, true, Set.of(), "[UNK]", "[SEP]", "[PAD]", "[CLS]", "[MASK]", 100);
    }

    /** bert-base-cased: case and accents kept. */
    public static BertTokenizerConfig cased() {
        return uncased().withLowerCase(false);
    }

    public BertTokenizerConfig withLowerCase(boolean lower) {
        return new BertTokenizerConfig(lower, stripAccents, tokenizeChineseChars, neverSplit, unkToken, sepToken,
                padToken, clsToken, maskToken, maxInputCharsPerWord);
    }
}
