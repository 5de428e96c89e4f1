package newarch.baselines;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import newarch.baselines.TribuoLogisticRegression.LabelledText;
import newarch.data.Vocabulary;
import newarch.embeddings.BagOfWords;
import org.junit.jupiter.api.Test;

class TribuoLogisticRegressionTest {
    private static List<LabelledText> texts(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> filler = List.of("the", "a", "of", "and", "to");
        List<LabelledText> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean spam = r.nextBoolean();
            List<String> tokens = new ArrayList<>();
            for (int j = 0; j < 8; j++) {
                tokens.add(filler.get(r.nextInt(filler.size())));
            }
            tokens.add(spam ? (r.nextBoolean() ? "free" : "winner") : (r.nextBoolean() ? "meeting" : "lunch"));
            out.add(new LabelledText(tokens, spam ? "spam" : "ham"));
        }
        return out;
    }

    @Test
    void learnsASeparableProblemOnBagOfWords() {
        Vocabulary v = new Vocabulary(List.of("the", "a", "of", "and", "to", "free", "winner", "meeting", "lunch"));
        BagOfWords bow = new BagOfWords(v, false);
        TribuoLogisticRegression lr = new TribuoLogisticRegression(bow::sparse, v.size(), 5, 1);
        TribuoLogisticRegression.Result r = lr.trainAndTest(texts(200, 1), texts(100, 2), "spam");
        assertEquals(1.0, r.accuracy(), 1e-9);
        assertEquals(1.0, r.recall(), 1e-9);
        assertEquals(v.size(), r.features());
        assertTrue(r.seconds() >= 0);
    }

    @Test
    void sparseCountsAgreeWithTheDenseVectorAndBadEpochsAreOneLineErrors() {
        Vocabulary v = new Vocabulary(List.of("free", "winner"));
        BagOfWords bow = new BagOfWords(v, false);
        List<String> doc = List.of("free", "free", "winner", "zzz");
        java.util.Map<String, Double> sparse = bow.sparse(doc);
        double[] dense = bow.vector(doc).toDoubleVector();
        assertEquals(java.util.Map.of("free", 2.0, "winner", 1.0, "<unk>", 1.0), sparse);
        assertEquals(2.0, dense[v.id("free")]);
        assertEquals(1.0, dense[v.id("<unk>")]);
        assertEquals(java.util.Map.of("free", 1.0, "winner", 1.0, "<unk>", 1.0), new BagOfWords(v, true).sparse(doc));
        newarch.embeddings.NGramFeatures bi = newarch.embeddings.NGramFeatures.bigrams(List.of(doc), 1, false);
        assertEquals(java.util.Map.of("free free", 1.0, "free winner", 1.0), bi.sparse(List.of("free", "free",
                "winner")));
        assertBadInput(() -> new TribuoLogisticRegression(bow::sparse, v.size(), 0, 1), "epochs is 0");
        // A text without any feature (no bigram in one word) still trains and is classified.
        List<LabelledText> oneWord = List.of(new LabelledText(List.of("free"), "spam"),
                new LabelledText(List.of("lunch"), "ham"));
        assertEquals(2, new TribuoLogisticRegression(bi::sparse, bi.dimension(), 1, 1)
                .trainAndTest(oneWord, oneWord, "spam").test());
    }

    /** Tribuo cannot predict a text whose features it never saw: such a text gets the majority training class. */
    @Test
    void aTestTextOfUnseenFeaturesGetsTheMajorityClass() {
        java.util.function.Function<List<String>, java.util.Map<String, Double>> identity = tokens -> {
            java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
            tokens.forEach(t -> m.merge(t, 1.0, Double::sum));
            return m;
        };
        List<LabelledText> train = List.of(new LabelledText(List.of("free"), "spam"),
                new LabelledText(List.of("lunch"), "ham"), new LabelledText(List.of("meeting"), "ham"));
        List<LabelledText> test = List.of(new LabelledText(List.of("zzz", "qqq"), "ham"),
                new LabelledText(List.of("free", "zzz"), "spam"));
        TribuoLogisticRegression.Result r = new TribuoLogisticRegression(identity, 3, 20, 1).trainAndTest(train, test,
                "spam");
        assertEquals(1.0, r.accuracy(), 1e-9);
        assertEquals(1.0, r.precision(), 1e-9);
        assertBadInput(() -> new TribuoLogisticRegression(identity, 3, 1, 1).trainAndTest(train, List.of(), "spam"),
                "test (0)");
    }
}
