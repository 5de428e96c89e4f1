package newarch.data;

import java.util.Arrays;
import java.util.List;

/**
 * A corpus tokenised, split and turned into ids for language modelling: the first 90 % of the tokens train, the next
 * 5 % validate, the last 5 % test. The split is by contiguous position, so no sentence straddles two parts and
 * the split is the same on every run and machine. The vocabulary comes from the training part only, as in the
 * standard benchmarks: a token first seen in validation or test is UNK there, just as it would be for new text.
 */
public final class LanguageModelCorpus {
    public enum Split { TRAIN, VALID, TEST }

    public static final double TRAIN_FRACTION = 0.90;
    public static final double VALID_FRACTION = 0.05;

    private final String name;
    private final Tokenizer tokenizer;
    private final Vocabulary vocabulary;
    private final int[] train;
    private final int[] valid;
    private final int[] test;

    private LanguageModelCorpus(String name, Tokenizer tokenizer, Vocabulary vocabulary, int[] train, int[] valid,
                                int[] test) {
        this.name = name;
        this.tokenizer = tokenizer;
        this.vocabulary = vocabulary;
        this.train = train;
        this.valid = valid;
        this.test = test;
    }

    /** The 90/5/5 split. */
    public static LanguageModelCorpus of(Corpus corpus, Tokenizer tokenizer, int minFrequency) {
        return of(corpus, tokenizer, minFrequency, TRAIN_FRACTION, VALID_FRACTION);
    }

    /** Train on the first {@code trainFraction} of the tokens, validate on the next {@code validFraction}, test on the rest. */
    public static LanguageModelCorpus of(Corpus corpus, Tokenizer tokenizer, int minFrequency, double trainFraction,
                                         double validFraction) {
        if (!(trainFraction > 0) || !(validFraction >= 0) || trainFraction + validFraction > 1) {
            throw new IllegalArgumentException("split fractions train " + trainFraction + ", valid " + validFraction
                    + " must be positive and add up to at most 1");
        }
        List<String> tokens = tokenizer.tokenize(corpus.text());
        int n = tokens.size();
        int trainEnd = (int) Math.round(n * trainFraction);
        int validEnd = Math.min(n, (int) Math.round(n * (trainFraction + validFraction)));
        if (trainEnd < 2) {
            throw new IllegalArgumentException("corpus '" + corpus.name() + "' has only " + n
                    + " tokens: too few to split for language modelling");
        }
        Vocabulary vocabulary = VocabularyBuilder.build(tokens.subList(0, trainEnd), minFrequency);
        int[] ids = VocabularyBuilder.encode(vocabulary, tokens);
        return new LanguageModelCorpus(corpus.name(), tokenizer, vocabulary, Arrays.copyOfRange(ids, 0, trainEnd),
                Arrays.copyOfRange(ids, trainEnd, validEnd), Arrays.copyOfRange(ids, validEnd, n));
    }

    /** The ids of one part, in text order (a copy). */
    public int[] ids(Split split) {
        return switch (split) {
            case TRAIN -> train.clone();
            case VALID -> valid.clone();
            case TEST -> test.clone();
        };
    }

    public int size(Split split) {
        return switch (split) {
            case TRAIN -> train.length;
            case VALID -> valid.length;
            case TEST -> test.length;
        };
    }

    /** Batches of contiguous windows of {@code windowLength} tokens from one part. */
    public LanguageModelBatcher batcher(Split split, int windowLength, long seed) {
        return new LanguageModelBatcher(ids(split), windowLength, seed);
    }

    /** The share of one part's tokens that are UNK (out of vocabulary). */
    public double unknownRate(Split split) {
        int[] ids = ids(split);
        long unk = Arrays.stream(ids).filter(id -> id == Vocabulary.UNK).count();
        return ids.length == 0 ? 0 : (double) unk / ids.length;
    }

    /** Ids back to text, for looking at samples. */
    public String decode(int[] ids) {
        return tokenizer.detokenize(VocabularyBuilder.decode(vocabulary, ids));
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public String name() {
        return name;
    }
}
