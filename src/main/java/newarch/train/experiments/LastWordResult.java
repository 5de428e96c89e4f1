package newarch.train.experiments;

import com.google.gson.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newarch.data.Example;
import newarch.data.LastWordTask;
import newarch.data.SequenceTask;
import newarch.data.Tasks;
import newarch.data.Vocabulary;
import newarch.train.TrainingConfig;

/**
 * The {@code last-word} experiment: RSE, the Universal Transformer and a plain Transformer trained alike on
 * {@link LastWordTask} (Moby-Dick, passages of 16..32 words, longer test 64), with their parameter counts, next to
 * a heuristic any model should beat: answer with the passage's most frequent content word (the latest on a tie).
 * The heuristic is scored on the very test sets the trainer evaluates on (same seed, same size).
 */
final class LastWordResult {
    private final Results results;

    private LastWordResult(Results results) {
        this.results = results;
    }

    static LastWordResult of(Results results) {
        return new LastWordResult(results);
    }

    JsonObject json() {
        JsonObject json = Results.header("last-word",
                "LAMBADA-style last-word prediction on Moby-Dick: RSE vs Universal Transformer vs Transformer");
        Map<String, Object> runs = new LinkedHashMap<>();
        TrainingConfig first = null;
        for (String model : Results.LAST_WORD_MODELS) {
            TrainingConfig c = Results.lastWordConfig(model);
            first = first == null ? c : first;
            Map<String, Object> r = results.run(c, model + "-last-word");
            runs.put(model, r);
        }
        SequenceTask task = Tasks.create(Tasks.LAST_WORD);
        Map<String, Object> baseline = new LinkedHashMap<>();
        baseline.put("rule", "the passage's most frequent content word, the latest on a tie");
        baseline.put("test.exact", frequentWordAccuracy(task.testSet(first.seed(), task.trainLengths(),
                first.evalSize())));
        baseline.put("longer.exact", frequentWordAccuracy(task.testSet(first.seed(), task.testLengths(),
                first.evalSize())));
        json.add("runs", Results.GSON.toJsonTree(runs));
        json.add("baseline", Results.GSON.toJsonTree(baseline));
        json.addProperty("passages", "train lengths " + task.trainLengths() + ", longer test " + task.testLengths()
                + ", vocabulary " + task.vocabulary().size() + " tokens");
        return json;
    }

    /** Exact accuracy of answering with the most frequent content word of each passage. */
    static double frequentWordAccuracy(List<Example> set) {
        int right = 0;
        for (Example e : set) {
            right += mostFrequentContentWord(e.source()) == e.target()[0] ? 1 : 0;
        }
        return (double) right / set.size();
    }

    /** The id that occurs most often among the passage's possible answers (no UNK or function word); latest on ties. */
    static int mostFrequentContentWord(int[] passage) {
        Map<Integer, Integer> counts = new HashMap<>();
        int best = Vocabulary.UNK;
        int bestCount = 0;
        for (int w : passage) {
            if (w <= Vocabulary.UNK + LastWordTask.FUNCTION_WORDS) {
                continue;
            }
            int n = counts.merge(w, 1, Integer::sum);
            if (n >= bestCount) {
                best = w;
                bestCount = n;
            }
        }
        return best;
    }
}
