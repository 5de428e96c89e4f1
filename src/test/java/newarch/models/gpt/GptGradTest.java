package newarch.models.gpt;

import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import newarch.tensor.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradients of the tied GPT-2 language model with respect to every parameter, in double precision. One check
 * covers it all (embeddings, a block, ln_f, the tied head, padding) because every parameter element costs two
 * forward passes; a second block would run the same code again.
 */
class GptGradTest {

    @Test
    void everyParameterOfTheTiedLanguageModelWithPadding() {
        GptConfig c = new GptConfig(5, 4, 4, 1, 2, 4, "gelu_new", 1e-5, 0, 0, 0, true, false);
        GptLanguageModel lm = randomized(new GptLanguageModel(c, new Rng(700)), new Rng(701), 0.5);
        lm.eval();
        INDArray ids = Nd4j.createFromArray(new long[][] {{1, 4, 0}, {3, 2, 2}});
        INDArray mask = Nd4j.createFromArray(new long[][] {{1, 1, 0}, {1, 1, 1}});
        assertArrayEquals(new long[] {2, 3, 5}, lm.logits(ids, mask).shape());
        assertModuleGradients(lm, in -> lm.logits(ids, mask));
    }
}
