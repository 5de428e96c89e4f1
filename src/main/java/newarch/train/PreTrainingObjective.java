package newarch.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import newarch.data.pretraining.MaskedTokens;
import newarch.data.pretraining.PairBatch;
import newarch.data.pretraining.PreTrainingCorpus;
import newarch.data.pretraining.SentencePairs;
import newarch.models.bert.MaskedPositions;
import newarch.models.bert.PreTrainingOutput;
import newarch.tensor.GradMode;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * BERT/ALBERT pre-training on a {@link PreTrainingCorpus}: masked-LM plus next-sentence (BERT) or sentence-order
 * (ALBERT) prediction, the sum of the two cross-entropies ({@link newarch.models.bert.PreTrainingLoss}). The batch of
 * step t, its pairs and its masking are a pure function of (seed, t). Evaluation uses fixed pairs from the held-out
 * documents: masked-LM accuracy and loss at the selected positions, sentence-task accuracy and loss.
 */
public final class PreTrainingObjective implements TrainingObjective {
    /**
     * A model with both pre-training heads (BertForPreTraining, AlbertForPreTraining) whose masked-LM logits are
     * computed only at the flat positions given ([N, V]).
     */
    @FunctionalInterface
    public interface Model {
        PreTrainingOutput forward(INDArray inputIds, INDArray attentionMask, INDArray tokenTypeIds,
                                  INDArray maskedPositions);
    }

    private static final CrossEntropy MEAN = new CrossEntropy(0, MaskedTokens.IGNORED, CrossEntropy.Reduction.MEAN);
    private static final CrossEntropy SUM = new CrossEntropy(0, MaskedTokens.IGNORED, CrossEntropy.Reduction.SUM);
    private static final long EVAL_SALT = 0xE7A1L;
    private static final int EVAL_BATCH = 64;

    private final Model model;
    private final SentencePairs training;
    private final SentencePairs heldOut;
    private final int vocabularySize;
    private final long seed;
    private final int batchSize;
    private final int evalPairs;

    public PreTrainingObjective(Model model, PreTrainingCorpus corpus, SentencePairs.Task task, int maxLength,
                                long seed, int batchSize, int evalPairs) {
        if (batchSize < 1 || evalPairs < 1) {
            throw new IllegalArgumentException("batch size " + batchSize + " and eval pairs " + evalPairs
                    + " must be positive");
        }
        this.model = model;
        this.training = new SentencePairs(corpus.training(), task, maxLength, PreTrainingCorpus.CLS,
                PreTrainingCorpus.SEP);
        this.heldOut = new SentencePairs(corpus.heldOut(), task, maxLength, PreTrainingCorpus.CLS,
                PreTrainingCorpus.SEP);
        this.vocabularySize = corpus.vocabulary().size();
        this.seed = seed;
        this.batchSize = batchSize;
        this.evalPairs = evalPairs;
    }

    private PairBatch batch(SentencePairs pairs, SplittableRandom random, int size) {
        List<SentencePairs.Pair> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(pairs.sample(random));
        }
        return PairBatch.of(list, vocabularySize, random);
    }

    /** The training batch of {@code step}: the same pairs and masks on every run with this seed. */
    public PairBatch trainingBatch(long step) {
        return batch(training, new SplittableRandom(CorpusLanguageModelObjective.stepSeed(seed, step)), batchSize);
    }

    @Override
    public StepLoss loss(long step) {
        PairBatch b = trainingBatch(step);
        MaskedPositions masked = MaskedPositions.of(b.mlmLabels(), MaskedTokens.IGNORED);
        PreTrainingOutput out = model.forward(b.inputIds(), b.attentionMask(), b.tokenTypeIds(), masked.positions());
        Tensor mlm = MEAN.loss(out.predictionLogits(), masked.labels());
        Tensor total = mlm.add(MEAN.loss(out.sentenceLogits(), b.sentenceLabels()));
        long tokens = b.attentionMask().sumNumber().longValue();
        return new StepLoss(total, total.data().getDouble(0), 0, tokens, tokens);
    }

    /** Masked-LM logits [N, V] at flat positions [N] of a batch, from any model (e.g. a student without NSP head). */
    @FunctionalInterface
    public interface MaskedLm {
        Tensor logits(PairBatch batch, INDArray maskedPositions);
    }

    /** Masked-LM accuracy of {@code model} on the same fixed held-out pairs {@link #evaluate()} scores. */
    public double maskedLmAccuracy(MaskedLm model) {
        long right = 0;
        long count = 0;
        try (GradMode ignored = GradMode.off()) {
            for (PairBatch b : evaluationBatches()) {
                MaskedPositions masked = MaskedPositions.of(b.mlmLabels(), MaskedTokens.IGNORED);
                INDArray predicted = model.logits(b, masked.positions()).data().argMax(1).castTo(DataType.LONG);
                right += predicted.eq(masked.labels()).castTo(DataType.LONG).sumNumber().longValue();
                count += masked.labels().length();
            }
        }
        return (double) right / count;
    }

    /** The first {@code batches} held-out batches of {@link #evaluate()}, e.g. for timing models on equal inputs. */
    public List<PairBatch> heldOutBatches(int batches) {
        List<PairBatch> all = evaluationBatches();
        return all.subList(0, Math.min(batches, all.size()));
    }

    /** The fixed held-out pairs every evaluation scores, in batches of at most {@value #EVAL_BATCH}. */
    private List<PairBatch> evaluationBatches() {
        SplittableRandom random = new SplittableRandom(seed ^ EVAL_SALT);
        List<PairBatch> out = new ArrayList<>();
        for (int done = 0; done < evalPairs; done += EVAL_BATCH) {
            out.add(batch(heldOut, random, Math.min(EVAL_BATCH, evalPairs - done)));
        }
        return out;
    }

    @Override
    public Map<String, Double> evaluate() {
        double mlmLoss = 0;
        long mlmRight = 0;
        long mlmCount = 0;
        double sentenceLoss = 0;
        long sentenceRight = 0;
        try (GradMode ignored = GradMode.off()) {
            for (PairBatch b : evaluationBatches()) {
                MaskedPositions masked = MaskedPositions.of(b.mlmLabels(), MaskedTokens.IGNORED);
                PreTrainingOutput out = model.forward(b.inputIds(), b.attentionMask(), b.tokenTypeIds(),
                        masked.positions());
                mlmLoss += SUM.loss(out.predictionLogits(), masked.labels()).data().getDouble(0);
                INDArray predicted = out.predictionLogits().data().argMax(1).castTo(DataType.LONG);   // [N]
                mlmRight += predicted.eq(masked.labels()).castTo(DataType.LONG).sumNumber().longValue();
                mlmCount += masked.labels().length();
                sentenceLoss += SUM.loss(out.sentenceLogits(), b.sentenceLabels()).data().getDouble(0);
                INDArray guess = out.sentenceLogits().data().argMax(1).castTo(DataType.LONG);
                sentenceRight += guess.eq(b.sentenceLabels()).castTo(DataType.LONG).sumNumber().longValue();
            }
        }
        String sentence = training.task().name().toLowerCase(java.util.Locale.ROOT);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("test.mlm_accuracy", (double) mlmRight / mlmCount);
        m.put("test.mlm_loss", mlmLoss / mlmCount);
        m.put("test." + sentence + "_accuracy", (double) sentenceRight / evalPairs);
        m.put("test." + sentence + "_loss", sentenceLoss / evalPairs);
        return m;
    }
}
