package newarch.embeddings;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import newarch.data.Vocabulary;
import newarch.tensor.GradAssert;
import newarch.tensor.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class EmbeddingsTest {
    private static final Vocabulary WORDS = new Vocabulary(List.of("the", "cat", "dog", "sat", "ran"));

    @Test
    void oneHotWordsAreOrthogonal() {
        INDArray sims = new OneHot(WORDS).cosineSimilarities(List.of("the", "cat", "dog", "sat"));
        assertTrue(sims.equalsWithEps(Nd4j.eye(4).castTo(sims.dataType()), 1e-6), sims.toString());
    }

    @Test
    void bagOfWordsCountsAndBinary() {
        List<String> doc = List.of("the", "cat", "the", "dog", "zebra");
        INDArray counts = new BagOfWords(WORDS, false).vector(doc);
        assertEquals(2, counts.getDouble(WORDS.id("the")), 0);
        assertEquals(1, counts.getDouble(WORDS.id("cat")), 0);
        assertEquals(1, counts.getDouble(Vocabulary.UNK), 0);
        assertEquals(0, counts.getDouble(WORDS.id("sat")), 0);
        assertEquals(1, new BagOfWords(WORDS, true).vector(doc).getDouble(WORDS.id("the")), 0);
        NGramFeatures bigrams = NGramFeatures.bigrams(List.of(doc), 1, false);
        INDArray b = bigrams.vector(List.of("the", "cat", "the", "cat"));
        assertEquals(2, b.getDouble(bigrams.column("the cat")), 0);
        assertEquals(1, b.getDouble(bigrams.column("cat the")), 0);
    }

    @Test
    void ngramProbabilitiesSumToOneAndPerplexity() {
        int v = WORDS.size();
        int[] text = {4, 5, 6, 4, 5, 7, 4, 5, 6};
        NGramLanguageModel lm = new NGramLanguageModel(3, v, 0.5).train(text);
        for (int[] ctx : new int[][] {{4, 5}, {8, 8}, {}}) {
            double total = 0;
            for (int w = 0; w < v; w++) {
                total += lm.probability(ctx, w);
            }
            assertEquals(1.0, total, 1e-12);
        }
        int[] repeated = new int[200];
        java.util.Arrays.fill(repeated, 5);
        NGramLanguageModel sure = new NGramLanguageModel(2, v, 1e-6).train(repeated);
        assertEquals(1.0, sure.perplexity(java.util.Arrays.copyOf(repeated, 50)), 1e-3);
        assertBadInput(() -> new NGramLanguageModel(2, v, 0), "k");
    }

    @Test
    void cbowGradientCheck() {
        Cbow cbow = GradAssert.randomized(new Cbow(WORDS, 3, 1, new Rng(1)), new Rng(2), 0.5);
        INDArray contexts = Nd4j.createFromArray(new int[][] {{4, 6}, {5, 5}, {0, 8}});
        INDArray targets = Nd4j.createFromArray(new int[] {5, 7, 4});
        GradAssert.assertModuleGradients(cbow, in -> cbow.loss(contexts, targets));
    }

    @Test
    void cbowPutsWordsSharingContextsTogether() {
        // "cat" and "dog" always appear between "the" and "sat"; "car" and "bus" between "red" and "drove".
        Vocabulary v = new Vocabulary(List.of("the", "cat", "dog", "sat", "red", "car", "bus", "drove"));
        Random random = new Random(7);
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            boolean animal = random.nextBoolean();
            String[] s = animal ? new String[] {"the", random.nextBoolean() ? "cat" : "dog", "sat"}
                    : new String[] {"red", random.nextBoolean() ? "car" : "bus", "drove"};
            for (String w : s) {
                ids.add(v.id(w));
            }
        }
        Cbow cbow = new Cbow(v, 8, 1, new Rng(3));
        double[] losses = new CbowTrainer(0.05, 32, 4).train(cbow, ids.stream().mapToInt(Integer::intValue).toArray(), 150);
        assertTrue(losses[losses.length - 1] < losses[0], "loss did not fall");
        // The middle words are predicted from identical contexts, so their OUTPUT side learns the same thing; as
        // inputs they sit in the contexts of the same words (the/sat or red/drove).
        assertEquals("dog", cbow.nearestNeighbours("cat", 1).get(0).word());
        assertEquals("bus", cbow.nearestNeighbours("car", 1).get(0).word());
    }

    @Test
    void badInput() {
        assertBadInput(() -> new Cbow(WORDS, 4, 0, new Rng(1)), "window is 0");
        Cbow cbow = new Cbow(WORDS, 4, 1, new Rng(1));
        assertBadInput(() -> cbow.nearestNeighbours("whale", 3), "'whale'");
        assertBadInput(() -> CbowExamples.of(new int[] {4, 5}, 1), "full window");
    }
}
