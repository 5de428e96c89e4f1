package newarch.data.wordpiece;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * BERT's tokeniser: basic tokenisation, then WordPiece, then ids, with [CLS] … [SEP] around the sequence. It gives
 * the ids Hugging Face's {@code BertTokenizer} gives for the same vocab.txt and options.
 *
 * <p>The special tokens themselves ([CLS], [SEP], [PAD], [UNK], [MASK]) are recognised in the raw text, exactly as
 * written, wherever they occur (even inside a word) and before any normalisation, so "[MASK]" in a sentence stays the
 * mask token rather than becoming "[", "mask", "]".
 */
public final class BertTokenizer {
    private final WordPieceVocabulary vocab;
    private final BertTokenizerConfig config;
    private final BasicTokenizer basic;
    private final WordPieceTokenizer wordPiece;
    private final List<String> specialTokens;

    public BertTokenizer(WordPieceVocabulary vocab, BertTokenizerConfig config) {
        this.vocab = vocab;
        this.config = config;
        this.basic = new BasicTokenizer(config.doLowerCase(), config.stripAccents(), config.tokenizeChineseChars(),
                config.neverSplit());
        this.wordPiece = new WordPieceTokenizer(vocab, config.unkToken(), config.maxInputCharsPerWord());
        this.specialTokens = new ArrayList<>();
        for (String t : List.of(config.unkToken(), config.sepToken(), config.padToken(), config.clsToken(),
                config.maskToken())) {
            if (vocab.contains(t) && !specialTokens.contains(t)) {
                specialTokens.add(t);
            }
        }
    }

    /** Loads {@code vocab.txt}; a missing file is a one-line error naming the path. */
    public static BertTokenizer load(Path vocabFile, BertTokenizerConfig config) {
        return new BertTokenizer(WordPieceVocabulary.load(vocabFile), config);
    }

    /** The WordPiece tokens of {@code text}, without [CLS]/[SEP]. */
    public List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        int spanStart = 0;
        int pos = 0;
        while (pos < text.length()) {
            String special = specialAt(text, pos);
            if (special == null) {
                pos++;
                continue;
            }
            tokenizeOrdinary(text.substring(spanStart, pos), out);
            out.add(special);
            pos += special.length();
            spanStart = pos;
        }
        tokenizeOrdinary(text.substring(spanStart), out);
        return out;
    }

    /** [CLS] ids [SEP]. */
    public int[] encode(String text) {
        return encode(text, true);
    }

    /** The ids of {@code text}, with [CLS] before and [SEP] after when {@code addSpecialTokens}. */
    public int[] encode(String text, boolean addSpecialTokens) {
        List<String> tokens = tokenize(text);
        int offset = addSpecialTokens ? 1 : 0;
        int[] ids = new int[tokens.size() + 2 * offset];
        if (addSpecialTokens) {
            ids[0] = required(config.clsToken(), "cls_token");
            ids[ids.length - 1] = required(config.sepToken(), "sep_token");
        }
        for (int i = 0; i < tokens.size(); i++) {
            int id = vocab.id(tokens.get(i));
            // Only a never_split word can miss the vocabulary here; it falls back to the unknown token.
            ids[offset + i] = id >= 0 ? id : required(config.unkToken(), "unk_token");
        }
        return ids;
    }

    public WordPieceVocabulary vocabulary() {
        return vocab;
    }

    public BertTokenizerConfig config() {
        return config;
    }

    private void tokenizeOrdinary(String text, List<String> out) {
        if (text.isEmpty()) {
            return;
        }
        for (String word : basic.tokenize(text)) {
            if (config.neverSplit().contains(word)) {
                out.add(word);
                continue;
            }
            List<String> pieces = wordPiece.tokenize(word);
            if (pieces.size() == 1 && pieces.get(0).equals(config.unkToken()) && !vocab.contains(config.unkToken())) {
                throw new IllegalArgumentException("WordPiece cannot cover the word \"" + word
                        + "\" and the vocabulary has no unk_token " + config.unkToken());
            }
            out.addAll(pieces);
        }
    }

    /** The longest special token starting at {@code pos}, or null. */
    private String specialAt(String text, int pos) {
        String best = null;
        for (String t : specialTokens) {
            if (text.startsWith(t, pos) && (best == null || t.length() > best.length())) {
                best = t;
            }
        }
        return best;
    }

    private int required(String token, String role) {
        int id = vocab.id(token);
        if (id < 0) {
            throw new IllegalArgumentException("the WordPiece vocabulary (" + vocab.size() + " tokens) has no " + role
                    + " " + token + ", which the encoding needs");
        }
        return id;
    }
}
