package newarch.train;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import newarch.data.LanguageModelBatcher;
import newarch.models.LanguageModel;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PerplexityTest {
    @Test
    void uniformLogitsHaveThePerplexityOfTheVocabularySize() {
        Tensor logits = Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 2, 3, 7));
        INDArray targets = Nd4j.createFromArray(new long[][] {{4, 5, 6}, {1, 2, 3}});
        assertEquals(7.0, Perplexity.of(logits, targets), 1e-12);
        assertEquals(Math.log(7), Perplexity.meanCrossEntropy(logits, targets), 1e-12);
    }

    /** exp of the mean of −log softmax(logits)[target] over the positions whose target is not PAD. */
    @Test
    void padTargetsAreLeftOut() {
        INDArray logits = new Rng(950).normal(DataType.DOUBLE, 0, 2, 2, 3, 5);
        INDArray targets = Nd4j.createFromArray(new long[][] {{4, 0, 2}, {0, 1, 3}});
        double sum = 0;
        int counted = 0;
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 3; t++) {
                int target = targets.getInt(b, t);
                if (target == 0) {
                    continue;
                }
                double logNorm = 0;
                for (int v = 0; v < 5; v++) {
                    logNorm += Math.exp(logits.getDouble(b, t, v));
                }
                sum += Math.log(logNorm) - logits.getDouble(b, t, target);
                counted++;
            }
        }
        assertEquals(Math.exp(sum / counted), Perplexity.of(Tensor.constant(logits), targets), 1e-10);
    }

    @Test
    void evaluationWeighsTokensNotBatches() {
        INDArray table = new Rng(951).normal(DataType.DOUBLE, 0, 1, 6, 6);   // logits depend on the input token only
        LanguageModel bigram = new LanguageModel() {
            @Override
            public Tensor logits(INDArray tokens) {
                long b = tokens.size(0);
                long l = tokens.size(1);
                return Tensor.constant(table.get(org.nd4j.linalg.indexing.NDArrayIndex.indices(
                        tokens.reshape(b * l).toLongVector())).reshape(b, l, 6));
            }

            @Override
            public int vocabularySize() {
                return 6;
            }

            @Override
            public int contextLength() {
                return 8;
            }
        };
        int[] stream = {4, 5, 1, 2, 3, 4, 4, 5, 1, 2, 5};
        List<LanguageModelBatcher.Batch> batches = new LanguageModelBatcher(stream, 3, 0).sequential(2); // 2 + 1 rows
        assertEquals(2, batches.size());
        INDArray inputs = Nd4j.concat(0, batches.get(0).inputs(), batches.get(1).inputs());
        INDArray targets = Nd4j.concat(0, batches.get(0).targets(), batches.get(1).targets());
        assertEquals(Perplexity.of(bigram.logits(inputs), targets), Perplexity.evaluate(bigram, batches), 1e-10);
    }

    @Test
    void badInputIsOneLine() {
        Tensor logits = Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2, 3, 7));
        assertBadInput(() -> Perplexity.of(logits, Nd4j.zeros(DataType.LONG, 2, 4)), "targets are LONG [2,4]",
                "logits are [2,3,7]", "[2,3]");
        assertBadInput(() -> Perplexity.of(logits, Nd4j.zeros(DataType.FLOAT, 2, 3)), "integer ids");
        assertBadInput(() -> Perplexity.of(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 6, 7)),
                Nd4j.zeros(DataType.LONG, 6)), "logits is [6,7]", "rank 3");
        assertBadInput(() -> Perplexity.of(logits, Nd4j.zeros(DataType.LONG, 2, 3)), "only PAD");
        assertBadInput(() -> Perplexity.evaluate(null, List.of()), "no batches");
    }
}
