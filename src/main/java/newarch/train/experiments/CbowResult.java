package newarch.train.experiments;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newarch.data.Corpus;
import newarch.data.Vocabulary;
import newarch.data.VocabularyBuilder;
import newarch.data.WordTokenizer;
import newarch.embeddings.Cbow;
import newarch.embeddings.CbowTrainer;
import newarch.embeddings.PrincipalComponents;
import newarch.embeddings.WordVectors;
import newarch.tensor.Rng;
import newarch.viz.LabelledScatter;
import newarch.viz.LinePlot;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The {@code cbow} experiment: word2vec's CBOW (full softmax) trained on the words of Moby-Dick, then the nearest
 * neighbours of probe words, a few analogies (hit if the expected word is the top answer, or in the top 5) and a
 * 2-D principal-component projection of chosen words. A small corpus (215 k words) and a short run, so the analogy
 * score is expected to be low; the neighbours show what co-occurrence alone learns.
 */
final class CbowResult {
    static final int VOCABULARY = 5000;
    static final int DIM = 64;
    static final int WINDOW = 3;
    static final int STEPS = 2000;
    static final int BATCH = 256;
    static final double LEARNING_RATE = 5e-3;
    static final long SEED = 1;
    static final List<String> PROBES = List.of("whale", "ship", "sea", "ahab", "boat", "harpoon", "white", "night",
            "captain", "three");
    static final String[][] ANALOGIES = {
        {"ship", "ships", "whale", "whales"}, {"boat", "boats", "man", "men"}, {"he", "his", "she", "her"},
        {"day", "days", "year", "years"}, {"one", "two", "three", "four"}, {"he", "him", "they", "them"},
        {"good", "better", "great", "greater"}, {"ahab", "captain", "starbuck", "mate"}};
    static final List<String> PLOTTED = List.of("whale", "whales", "ship", "ships", "boat", "boats", "sea", "ocean",
            "water", "waves", "ahab", "starbuck", "stubb", "queequeg", "ishmael", "captain", "mate", "harpooneer",
            "harpoon", "lance", "line", "one", "two", "three", "four", "five", "white", "black", "red", "green", "day",
            "night", "morning", "hand", "head", "eyes", "he", "she", "they", "him");

    private final Results results;

    private CbowResult(Results results) {
        this.results = results;
    }

    static CbowResult of(Results results) {
        return new CbowResult(results);
    }

    JsonObject json() {
        JsonObject json = Results.header("cbow", "word2vec CBOW on Moby-Dick: neighbours, analogies, 2-D projection");
        List<String> words = WordTokenizer.words(Corpus.mobyDick().text());
        Vocabulary all = VocabularyBuilder.build(words, 1);
        Vocabulary vocabulary = new Vocabulary(all.tokens().subList(Vocabulary.UNK + 1,
                Math.min(all.size(), Vocabulary.UNK + 1 + VOCABULARY)));
        int[] ids = VocabularyBuilder.encode(vocabulary, words);
        long start = System.nanoTime();
        Cbow cbow = new Cbow(vocabulary, DIM, WINDOW, new Rng(SEED));
        double[] losses = new CbowTrainer(LEARNING_RATE, BATCH, SEED).withProgressBar(true).train(cbow, ids, STEPS);
        double seconds = (System.nanoTime() - start) / 1e9;
        WordVectors vectors = cbow.wordVectors();

        Map<String, Object> neighbours = new LinkedHashMap<>();
        for (String w : PROBES) {
            neighbours.put(w, vectors.nearestNeighbours(w, 6).stream().map(Object::toString).toList());
        }
        List<Map<String, Object>> analogies = new ArrayList<>();
        int top1 = 0;
        int top5 = 0;
        for (String[] a : ANALOGIES) {
            List<String> answers = vectors.analogy(a[0], a[1], a[2], 5).stream().map(WordVectors.Neighbour::word)
                    .toList();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("question", a[0] + " : " + a[1] + " = " + a[2] + " : ?");
            row.put("expected", a[3]);
            row.put("top5", answers);
            analogies.add(row);
            top1 += answers.get(0).equals(a[3]) ? 1 : 0;
            top5 += answers.contains(a[3]) ? 1 : 0;
        }
        List<String> plotted = PLOTTED.stream().filter(vocabulary::contains).toList();
        INDArray rows = Nd4j.vstack(plotted.stream().map(w -> vectors.vector(w).reshape(1, DIM)).toList()
                .toArray(new INDArray[0]));
        INDArray xy = PrincipalComponents.project(rows, 2);
        LabelledScatter.of("CBOW word vectors of Moby-Dick, first two principal components", xy.getColumn(0)
                .toDoubleVector(), xy.getColumn(1).toDoubleVector(), plotted).save(results.out().resolve(
                "cbow-projection.png"));
        LinePlot.create().title("CBOW on Moby-Dick: training loss (full softmax over " + vocabulary.size()
                + " tokens)").axisTitles("step", "cross-entropy").series("training loss", losses)
                .save(results.out().resolve("cbow-loss.png"));

        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("command", "newarch experiment cbow");
        settings.put("words", words.size());
        settings.put("vocabulary", vocabulary.size());
        settings.put("dim", DIM);
        settings.put("window", WINDOW);
        settings.put("steps", STEPS);
        settings.put("batch", BATCH);
        settings.put("learning_rate", LEARNING_RATE);
        settings.put("seed", SEED);
        settings.put("parameters", cbow.parameterCount());
        settings.put("wall_seconds", seconds);
        settings.put("first_loss", losses[0]);
        settings.put("last_loss_mean_of_100", mean(losses, losses.length - 100));
        json.add("settings", Results.GSON.toJsonTree(settings));
        json.add("neighbours", Results.GSON.toJsonTree(neighbours));
        json.add("analogies", Results.GSON.toJsonTree(analogies));
        json.addProperty("analogy_top1", top1 + " / " + ANALOGIES.length);
        json.addProperty("analogy_top5", top5 + " / " + ANALOGIES.length);
        return json;
    }

    private static double mean(double[] x, int from) {
        double s = 0;
        for (int i = Math.max(0, from); i < x.length; i++) {
            s += x[i];
        }
        return s / (x.length - Math.max(0, from));
    }
}
