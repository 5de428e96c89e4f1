package newarch.data.pretraining;

import java.util.SplittableRandom;

/**
 * BERT's masked-LM corruption (§3.1 and Appendix A.1), as Hugging Face's {@code DataCollatorForLanguageModeling}
 * does it: each maskable token is selected with probability 15 %; a selected token becomes [MASK] with probability
 * 80 %, a random vocabulary token with 10 % and stays itself with 10 % (so the model cannot learn that only [MASK]
 * needs predicting). Labels hold the original token at selected positions and {@value #IGNORED} (the loss's ignore
 * index) elsewhere. Special tokens and padding are never selected.
 */
public final class MaskedTokens {
    /** The label of positions the loss skips (PyTorch's ignore_index default). */
    public static final long IGNORED = -100;
    public static final double SELECT = 0.15;
    public static final double AS_MASK = 0.8;
    /** Of the selected tokens not turned into [MASK], the share replaced at random (0.5 · 20 % = 10 %). */
    public static final double RANDOM_OF_REST = 0.5;

    private MaskedTokens() {
    }

    /**
     * @param inputIds    [batch][len] the clean ids
     * @param inputs      [batch][len] written: the corrupted ids
     * @param labels      [batch][len] written: the original id where selected, {@link #IGNORED} elsewhere
     * @param maskable    whether position (i, j) is an ordinary token (not [CLS], [SEP], padding)
     * @param maskId      the [MASK] id
     * @param firstWordId random replacements are drawn from [firstWordId, vocabularySize): ordinary words only
     */
    public static void corrupt(long[][] inputIds, long[][] inputs, long[][] labels, boolean[][] maskable, int maskId,
                               int firstWordId, int vocabularySize, SplittableRandom random) {
        if (firstWordId >= vocabularySize) {
            throw new IllegalArgumentException("firstWordId " + firstWordId + " must be below the vocabulary size "
                    + vocabularySize);
        }
        for (int i = 0; i < inputIds.length; i++) {
            for (int j = 0; j < inputIds[i].length; j++) {
                long id = inputIds[i][j];
                inputs[i][j] = id;
                labels[i][j] = IGNORED;
                if (!maskable[i][j] || random.nextDouble() >= SELECT) {
                    continue;
                }
                labels[i][j] = id;
                if (random.nextDouble() < AS_MASK) {
                    inputs[i][j] = maskId;
                } else if (random.nextDouble() < RANDOM_OF_REST) {
                    inputs[i][j] = firstWordId + random.nextInt(vocabularySize - firstWordId);
                }
            }
        }
    }
}
