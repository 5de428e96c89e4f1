package newarch.data.pretraining;

import java.util.ArrayList;
import java.util.List;
import newarch.data.Vocabulary;
import newarch.data.VocabularyBuilder;
import newarch.data.WordTokenizer;

/**
 * Running text (one paragraph per line, as {@code Corpus.reflowed()} gives it) made ready for BERT-style
 * pre-training: paragraphs are the documents, split into sentences at
 * '.', '!' and '?', lower-cased word and punctuation tokens ({@link WordTokenizer}), a vocabulary of the most
 * frequent words. The reserved ids are shared with the rest of the library and double as BERT's specials: [PAD] = 0,
 * [CLS] = BOS = 1, [SEP] = EOS = 2, [UNK] = 3, and [MASK] = 4 is the first ordinary entry. The last tenth of the
 * documents is held out for evaluation.
 */
public final class PreTrainingCorpus {
    public static final String MASK = "[MASK]";
    public static final int CLS = Vocabulary.BOS;
    public static final int SEP = Vocabulary.EOS;
    public static final int MASK_ID = Vocabulary.UNK + 1;
    /** Random replacements and predictions are ordinary words: ids from here on. */
    public static final int FIRST_WORD_ID = MASK_ID + 1;

    private final Vocabulary vocabulary;
    private final List<List<int[]>> training;
    private final List<List<int[]>> heldOut;

    /** @param vocabularySize words kept besides the reserved tokens and [MASK]; rarer words become [UNK] */
    public PreTrainingCorpus(String text, int vocabularySize) {
        this(sentencesOf(text), vocabularySize);
    }

    /**
     * A corpus of text that is already tokenised (e.g. a tagged corpus): documents, each a list of sentences of tokens;
     * documents of fewer than two sentences are left out, since sentence pairs need two.
     */
    public PreTrainingCorpus(List<List<List<String>>> documents, int vocabularySize) {
        List<List<List<String>>> docs = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (List<List<String>> doc : documents) {
            List<List<String>> sentences = doc.stream().filter(s -> !s.isEmpty()).toList();
            if (sentences.size() >= 2) {
                docs.add(sentences);
                sentences.forEach(all::addAll);
            }
        }
        if (docs.size() < 20) {
            throw new IllegalArgumentException("the text has " + docs.size() + " paragraphs of two or more sentences;"
                    + " pre-training needs at least 20");
        }
        List<String> words = new ArrayList<>();
        words.add(MASK);
        Vocabulary counted = VocabularyBuilder.build(all, 1);
        for (String w : counted.tokens().subList(Vocabulary.UNK + 1, counted.size())) {
            if (words.size() > vocabularySize) {
                break;
            }
            if (!w.equals(MASK)) {
                words.add(w);
            }
        }
        this.vocabulary = new Vocabulary(words);
        List<List<int[]>> encoded = new ArrayList<>();
        for (List<List<String>> doc : docs) {
            List<int[]> sentences = new ArrayList<>();
            for (List<String> s : doc) {
                sentences.add(VocabularyBuilder.encode(vocabulary, s));
            }
            encoded.add(sentences);
        }
        int split = encoded.size() - encoded.size() / 10;
        this.training = List.copyOf(encoded.subList(0, split));
        this.heldOut = List.copyOf(encoded.subList(split, encoded.size()));
    }

    /** Paragraphs (one per line) split into sentences at '.', '!' and '?', lower-cased word and punctuation tokens. */
    private static List<List<List<String>>> sentencesOf(String text) {
        WordTokenizer tokenizer = new WordTokenizer(true);
        List<List<List<String>>> docs = new ArrayList<>();
        for (String paragraph : text.split("\n+")) {   // one paragraph per line, as Corpus.reflowed() writes
            List<List<String>> sentences = new ArrayList<>();
            for (String sentence : paragraph.strip().split("(?<=[.!?])\\s+")) {
                sentences.add(tokenizer.tokenize(sentence));
            }
            docs.add(sentences);
        }
        return docs;
    }

    /** One segment as BERT reads it alone: [CLS] ids [SEP]. */
    public static int[] withSpecials(int[] ids) {
        int[] out = new int[ids.length + 2];
        out[0] = CLS;
        System.arraycopy(ids, 0, out, 1, ids.length);
        out[out.length - 1] = SEP;
        return out;
    }

    /** The ids of {@code tokens}; words outside the vocabulary become [UNK]. */
    public int[] encode(List<String> tokens) {
        return VocabularyBuilder.encode(vocabulary, tokens);
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** Documents (each a list of sentences of token ids) to train on. */
    public List<List<int[]>> training() {
        return training;
    }

    /** The held-out documents, for evaluation. */
    public List<List<int[]>> heldOut() {
        return heldOut;
    }
}
