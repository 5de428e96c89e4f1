package newarch.train;

import java.util.LinkedHashMap;
import java.util.Map;
import newarch.data.LanguageModelBatcher;
import newarch.data.LanguageModelCorpus;
import newarch.data.Vocabulary;
import newarch.models.LanguageModel;
import newarch.tensor.GradMode;
import newarch.tensor.Tensor;

/**
 * Training a causal language model on a text corpus: every step takes {@code batchSize} windows of T tokens at random
 * positions of the training part and scores every next-token prediction. Evaluation reports the perplexity (and
 * bits per token) on the validation part, read in order as non-overlapping windows so that each token is predicted
 * once ({@code valid.*}); {@link #test()} does the same on the test part, once, at the end of a run.
 *
 * <p>The windows of step t come from a generator seeded by (seed, t), like the synthetic tasks' batches, so a run is
 * reproducible and resumes exactly.
 */
public final class CorpusLanguageModelObjective implements TrainingObjective {
    private static final int EVAL_BATCH = 32;

    private final LanguageModel model;
    private final LanguageModelCorpus corpus;
    private final int context;
    private final long seed;
    private final int batchSize;
    private final int evalWindows;
    private final int[] trainIds;
    private final CrossEntropy trainingLoss;
    private final CrossEntropy plainLoss = new CrossEntropy(0, Vocabulary.PAD, CrossEntropy.Reduction.SUM);

    /**
     * @param context     T, the window length (at most the model's context)
     * @param evalWindows validate on at most this many windows from the start of the validation part (all of it when
     *                    it has fewer), which bounds evaluation time during training; the final test uses all windows
     */
    public CorpusLanguageModelObjective(LanguageModel model, LanguageModelCorpus corpus, int context, long seed,
                                        int batchSize, double labelSmoothing, int evalWindows) {
        if (batchSize < 1 || evalWindows < 1) {
            throw new IllegalArgumentException("batch size " + batchSize + " and eval windows " + evalWindows
                    + " must be positive");
        }
        if (context < 1 || context > model.contextLength()) {
            throw new IllegalArgumentException("context " + context + " must be in 1.." + model.contextLength()
                    + " (the model's context length)");
        }
        if (corpus.vocabulary().size() > model.vocabularySize()) {
            throw new IllegalArgumentException("corpus vocabulary " + corpus.vocabulary().size()
                    + " is larger than the model's " + model.vocabularySize());
        }
        this.model = model;
        this.corpus = corpus;
        this.context = context;
        this.seed = seed;
        this.batchSize = batchSize;
        this.evalWindows = evalWindows;
        this.trainIds = corpus.ids(LanguageModelCorpus.Split.TRAIN);
        this.trainingLoss = new CrossEntropy(labelSmoothing, Vocabulary.PAD, CrossEntropy.Reduction.MEAN);
        // Fail now, not at the first evaluation, when a part is too short for one window.
        new LanguageModelBatcher(corpus.ids(LanguageModelCorpus.Split.VALID), context, seed);
        new LanguageModelBatcher(corpus.ids(LanguageModelCorpus.Split.TEST), context, seed);
    }

    @Override
    public StepLoss loss(long step) {
        LanguageModelBatcher.Batch batch = new LanguageModelBatcher(trainIds, context,
                stepSeed(seed, step)).next(batchSize);
        Tensor ce = trainingLoss.sequenceLoss(model.logits(batch.inputs()), batch.targets());
        return new StepLoss(ce, ce.data().getDouble(0), 0, batch.tokens(), batch.tokens());
    }

    /** SplitMix64's finaliser twice: neighbouring (seed, step) pairs give unrelated window positions. */
    static long stepSeed(long seed, long step) {
        return mix(mix(seed ^ 0xC0_4B_05L) + step);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Validation perplexity on at most {@code evalWindows} windows. */
    @Override
    public Map<String, Double> evaluate() {
        return perplexity("valid", LanguageModelCorpus.Split.VALID, evalWindows);
    }

    /** Test perplexity on every window of the test part (call with the model in evaluation mode). */
    public Map<String, Double> test() {
        return perplexity("test", LanguageModelCorpus.Split.TEST, Integer.MAX_VALUE);
    }

    private Map<String, Double> perplexity(String prefix, LanguageModelCorpus.Split split, int maxWindows) {
        int[] ids = corpus.ids(split);
        if ((long) maxWindows * context + 1 < ids.length) {
            // The first maxWindows windows only: the same tokens at every evaluation of a run.
            ids = java.util.Arrays.copyOf(ids, maxWindows * context + 1);
        }
        double lossSum = 0;
        long tokens = 0;
        try (GradMode ignored = GradMode.off()) {
            for (LanguageModelBatcher.Batch b : new LanguageModelBatcher(ids, context, seed).sequential(EVAL_BATCH)) {
                lossSum += plainLoss.sequenceLoss(model.logits(b.inputs()), b.targets()).data().getDouble(0);
                tokens += b.tokens();
            }
        }
        double nats = lossSum / tokens;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(prefix + ".loss", nats);
        m.put(prefix + ".perplexity", Math.exp(nats));
        m.put(prefix + ".bits_per_token", nats / Math.log(2));
        m.put(prefix + ".tokens", (double) tokens);
        return m;
    }

    public int context() {
        return context;
    }

    public LanguageModelCorpus corpus() {
        return corpus;
    }
}
