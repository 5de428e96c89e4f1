package newarch.train.experiments;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newarch.baselines.TribuoLogisticRegression;
import newarch.baselines.TribuoLogisticRegression.LabelledText;
import newarch.data.Vocabulary;
import newarch.data.VocabularyBuilder;
import newarch.data.WordTokenizer;
import newarch.data.email.Email;
import newarch.data.email.SpamAssassin;
import newarch.embeddings.BagOfWords;
import newarch.embeddings.NGramFeatures;

/**
 * The {@code spam-baselines} experiment: spam vs ham on the SpamAssassin corpus (Subject and body, no routing
 * headers), fixed 80/20 split, logistic regression (Tribuo) on bag-of-words counts and on word bigrams, each
 * vocabulary fitted on the training messages only. The reference any fine-tuned encoder must beat.
 */
final class SpamBaselineResult {
    static final int MAX_TOKENS = 400;
    static final int MIN_COUNT = 3;
    static final int EPOCHS = 5;
    static final long SEED = 1;

    private SpamBaselineResult() {
    }

    static JsonObject json() {
        JsonObject json = Results.header("spam-baselines",
                "SpamAssassin spam vs ham: Tribuo logistic regression on bag-of-words and bigram features");
        SpamAssassin.Split split = SpamAssassin.split(SpamAssassin.load(SpamAssassin.GROUPS));
        List<LabelledText> train = texts(split.train());
        List<LabelledText> test = texts(split.test());
        List<List<String>> trainDocs = train.stream().map(LabelledText::tokens).toList();

        List<String> allTrainTokens = new ArrayList<>();
        trainDocs.forEach(allTrainTokens::addAll);
        Vocabulary vocabulary = VocabularyBuilder.build(allTrainTokens, MIN_COUNT);
        BagOfWords bow = new BagOfWords(vocabulary, false);
        NGramFeatures bigrams = NGramFeatures.bigrams(trainDocs, MIN_COUNT, false);

        Map<String, Object> results = new LinkedHashMap<>();
        results.put("bag-of-words", row(new TribuoLogisticRegression(bow::sparse, vocabulary.size(), EPOCHS, SEED)
                .trainAndTest(train, test, "spam")));
        results.put("bigrams", row(new TribuoLogisticRegression(bigrams::sparse, bigrams.dimension(), EPOCHS, SEED)
                .trainAndTest(train, test, "spam")));
        long spamTest = test.stream().filter(t -> t.label().equals("spam")).count();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("command", "newarch experiment spam-baselines");
        data.put("train_messages", train.size());
        data.put("test_messages", test.size());
        data.put("test_spam_share", (double) spamTest / test.size());
        data.put("majority_class_accuracy", Math.max(spamTest, test.size() - spamTest) / (double) test.size());
        data.put("tokens_per_message", "first " + MAX_TOKENS + " lower-cased tokens of Subject + body");
        data.put("min_count", MIN_COUNT);
        data.put("trainer", "Tribuo LinearSGDTrainer, LogMulticlass, AdaGrad(1.0, 0.1), " + EPOCHS + " epochs, seed "
                + SEED);
        json.add("data", Results.GSON.toJsonTree(data));
        json.add("results", Results.GSON.toJsonTree(results));
        return json;
    }

    private static Map<String, Object> row(TribuoLogisticRegression.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accuracy", r.accuracy());
        m.put("spam_precision", r.precision());
        m.put("spam_recall", r.recall());
        m.put("spam_f1", r.f1());
        m.put("features", r.features());
        m.put("seconds", r.seconds());
        return m;
    }

    static List<LabelledText> texts(List<Email> messages) {
        WordTokenizer tokenizer = new WordTokenizer(true);
        List<LabelledText> out = new ArrayList<>();
        for (Email e : messages) {
            List<String> tokens = tokenizer.tokenize(e.content());
            out.add(new LabelledText(tokens.subList(0, Math.min(MAX_TOKENS, tokens.size())), e.spam() ? "spam" : "ham"));
        }
        return out;
    }
}
