package newarch.train.experiments;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newarch.data.WordTokenizer;
import newarch.data.email.Email;
import newarch.data.email.SpamAssassin;
import newarch.data.pretraining.PreTrainingCorpus;
import newarch.data.pretraining.SentencePairs;
import newarch.models.bert.BertForSequenceClassification;
import newarch.tensor.Rng;
import newarch.train.FineTuneRun;
import newarch.train.PreTrainingRun;
import newarch.train.SequenceClassificationObjective;
import newarch.train.SequenceClassificationObjective.Example;

/**
 * The {@code finetune-spam} experiment: a tiny BERT pre-trained (masked LM + next sentence) on the training e-mails of
 * the spam-baselines split, then fine-tuned to tell spam from ham on the first tokens of each mail; the same model
 * fine-tuned from random weights is the control, and Tribuo's logistic regression on the same split the baseline.
 */
final class FineTuneSpamResult {
    static final int MAX_LENGTH = 128;
    static final int VOCABULARY = 5000;
    static final long SEED = 1;
    static final PreTrainingRun PRE_TRAINING = new PreTrainingRun("bert-tiny", SentencePairs.Task.NSP, 600, 32, 1e-3,
            60, SEED, MAX_LENGTH, VOCABULARY, 256, 200);
    static final FineTuneRun FINE_TUNING = new FineTuneRun(400, 32, 5e-4, 40, SEED, 100);

    private final Results results;

    FineTuneSpamResult(Results results) {
        this.results = results;
    }

    JsonObject json() {
        JsonObject json = Results.header("finetune-spam",
                "SpamAssassin spam vs ham: a tiny BERT pre-trained on the training mails, fine-tuned, against Tribuo");
        SpamAssassin.Split split = SpamAssassin.split(SpamAssassin.load(SpamAssassin.GROUPS));
        WordTokenizer tokenizer = new WordTokenizer(true);
        List<List<String>> trainTokens = split.train().stream().map(e -> tokenizer.tokenize(e.content())).toList();
        List<List<String>> testTokens = split.test().stream().map(e -> tokenizer.tokenize(e.content())).toList();

        PreTrainingCorpus corpus = new PreTrainingCorpus(trainTokens.stream().map(FineTuneSpamResult::sentences)
                .toList(), VOCABULARY);
        PreTrainingRun.Pretrained pre = PRE_TRAINING.pretrain(corpus, System.err);
        List<Example> train = examples(corpus, trainTokens, split.train());
        List<Example> test = examples(corpus, testTokens, split.test());

        Map<String, Object> runs = new LinkedHashMap<>();
        List<FineTuneRun.Outcome> outcomes = new ArrayList<>();
        for (boolean pretrained : new boolean[] {true, false}) {
            Rng rng = new Rng(SEED);
            BertForSequenceClassification model = new BertForSequenceClassification(
                    PRE_TRAINING.bertConfig(corpus.vocabulary().size()), 2, rng);
            if (pretrained) {
                FineTuneRun.copyEncoder(pre.bert(), model.bert());
            }
            FineTuneRun.Outcome o = FINE_TUNING.run(model, rng,
                    new SequenceClassificationObjective(model::forward, train, test, FINE_TUNING.batchSize(), SEED),
                    System.err);
            outcomes.add(o);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("parameters", model.parameterCount());
            row.put("final", o.last());
            row.putAll(o.summary());
            runs.put(pretrained ? "bert-tiny, pre-trained then fine-tuned" : "bert-tiny, fine-tuned from random weights",
                    row);
        }
        Map<String, Object> pretraining = pre.summary(PRE_TRAINING);

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("command", "newarch experiment finetune-spam");
        data.put("split", "the spam-baselines split (SpamAssassin.split): " + train.size() + " training, "
                + test.size() + " test messages");
        data.put("input", "[CLS] + the first " + (MAX_LENGTH - 2) + " lower-cased tokens of Subject + body + [SEP]");
        data.put("fine_tuning", FINE_TUNING.toString());
        json.add("data", Results.GSON.toJsonTree(data));
        json.add("pre_training", Results.GSON.toJsonTree(pretraining));
        json.add("results", Results.GSON.toJsonTree(runs));
        json.add("tribuo_baselines", SpamBaselineResult.json().get("results"));
        plot(outcomes);
        return json;
    }

    /** A mail's tokens cut into sentences after '.', '!' and '?', the documents of pre-training. */
    static List<List<String>> sentences(List<String> tokens) {
        List<List<String>> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String t : tokens.subList(0, Math.min(tokens.size(), SpamBaselineResult.MAX_TOKENS))) {
            current.add(t);
            if (t.equals(".") || t.equals("!") || t.equals("?")) {
                out.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    static List<Example> examples(PreTrainingCorpus corpus, List<List<String>> tokens, List<Email> mails) {
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < mails.size(); i++) {
            List<String> t = tokens.get(i);
            int[] words = corpus.encode(t.subList(0, Math.min(t.size(), MAX_LENGTH - 2)));
            out.add(new Example(PreTrainingCorpus.withSpecials(words), mails.get(i).spam() ? 1 : 0));
        }
        return out;
    }

    private void plot(List<FineTuneRun.Outcome> outcomes) {
        newarch.viz.LinePlot plot = newarch.viz.LinePlot.create()
                .title("Spam vs ham: fine-tuning a tiny BERT (seed " + SEED + ")")
                .axisTitles("fine-tuning step", "test accuracy").markers(true);
        String[] names = {"pre-trained on the training mails", "random initialisation"};
        for (int i = 0; i < outcomes.size(); i++) {
            FineTuneRun.Outcome o = outcomes.get(i);
            List<Double> steps = new ArrayList<>(List.of(0.0));
            List<Double> acc = new ArrayList<>(List.of(o.before().get("test.accuracy")));
            o.history().evaluations().forEach(e -> {
                steps.add((double) e.step());
                acc.add(e.metrics().get("test.accuracy"));
            });
            plot.series(names[i], steps.stream().mapToDouble(Double::doubleValue).toArray(),
                    acc.stream().mapToDouble(Double::doubleValue).toArray());
        }
        plot.save(results.out().resolve("finetune-spam-accuracy.png"));
    }
}
