package newarch.data.pretraining;

import java.util.List;
import java.util.SplittableRandom;
import newarch.data.Vocabulary;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A batch of sentence pairs ready for a pre-training step: padded ids after masked-LM corruption, the attention
 * mask, token types, masked-LM labels ({@link MaskedTokens#IGNORED} where nothing is predicted) and the sentence
 * labels. All int64.
 */
public record PairBatch(INDArray inputIds, INDArray attentionMask, INDArray tokenTypeIds, INDArray mlmLabels,
                        INDArray sentenceLabels) {

    /** Pads {@code pairs} to the longest and corrupts them with {@link MaskedTokens}, drawing from {@code random}. */
    public static PairBatch of(List<SentencePairs.Pair> pairs, int vocabularySize, SplittableRandom random) {
        int b = pairs.size();
        int len = pairs.stream().mapToInt(p -> p.inputIds().length).max().orElseThrow();
        long[][] clean = new long[b][len];
        long[][] types = new long[b][len];
        long[][] mask = new long[b][len];
        boolean[][] maskable = new boolean[b][len];
        long[] labels = new long[b];
        for (int i = 0; i < b; i++) {
            SentencePairs.Pair p = pairs.get(i);
            for (int j = 0; j < p.inputIds().length; j++) {
                clean[i][j] = p.inputIds()[j];
                types[i][j] = p.tokenTypes()[j];
                mask[i][j] = 1;
                maskable[i][j] = p.inputIds()[j] >= PreTrainingCorpus.FIRST_WORD_ID
                        || p.inputIds()[j] == Vocabulary.UNK;
            }
            labels[i] = p.label();
        }
        long[][] inputs = new long[b][len];
        long[][] mlm = new long[b][len];
        MaskedTokens.corrupt(clean, inputs, mlm, maskable, PreTrainingCorpus.MASK_ID, PreTrainingCorpus.FIRST_WORD_ID,
                vocabularySize, random);
        return new PairBatch(Nd4j.createFromArray(inputs), Nd4j.createFromArray(mask), Nd4j.createFromArray(types),
                Nd4j.createFromArray(mlm), Nd4j.createFromArray(labels));
    }
}
