package newarch.train.experiments;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newarch.data.Corpus;
import newarch.data.pretraining.PairBatch;
import newarch.data.pretraining.PreTrainingCorpus;
import newarch.data.pretraining.SentencePairs;
import newarch.models.bert.BertForPreTraining;
import newarch.models.distilbert.DistilBertConfig;
import newarch.models.distilbert.DistilBertForMaskedLM;
import newarch.models.distilbert.DistillationLoss;
import newarch.models.distilbert.StudentInitializer;
import newarch.tensor.GradMode;
import newarch.tensor.Rng;
import newarch.train.DistillationObjective;
import newarch.train.FineTuneRun;
import newarch.train.PreTrainingObjective;
import newarch.train.PreTrainingRun;

/**
 * The {@code distillation} experiment: a 4-layer tiny BERT teacher pre-trained on Moby-Dick (masked LM + next
 * sentence), distilled DistilBERT-style into a 2-layer student initialised from teacher layers 0 and 2, with the
 * three-term loss (soft targets at T = 2, masked LM, hidden-state cosine; weights 5, 2, 1). Control: the same
 * student, from the same teacher layers, trained on masked LM alone. Side by side: parameters,
 * forward time on the same held-out batches (measured in the same run, interleaved), held-out masked-LM accuracy.
 */
final class DistillationResult {
    static final long SEED = 1;
    static final PreTrainingRun TEACHER = new PreTrainingRun("bert-mini", SentencePairs.Task.NSP, 600, 32, 1e-3, 60,
            SEED, 48, 3000, 512, 200);
    static final FineTuneRun STUDENT_TRAINING = new FineTuneRun(400, 32, 1e-3, 40, SEED, 200);
    static final int TIMED_BATCHES = 4;
    static final int TIMING_ROUNDS = 7;

    private final Results results;

    DistillationResult(Results results) {
        this.results = results;
    }

    JsonObject json() {
        JsonObject json = Results.header("distillation",
                "DistilBERT-style distillation of a 4-layer tiny BERT into a 2-layer student on Moby-Dick");
        PreTrainingCorpus corpus = new PreTrainingCorpus(Corpus.mobyDick().text(), TEACHER.vocabularySize());
        PreTrainingRun.Pretrained pre = TEACHER.pretrain(corpus, System.err);
        BertForPreTraining teacher = pre.bert();
        PreTrainingObjective batches = new PreTrainingObjective(teacher::forward, corpus, TEACHER.task(),
                TEACHER.maxLength(), SEED, TEACHER.batchSize(), TEACHER.evalPairs());

        Map<String, Object> rows = new LinkedHashMap<>();
        Map<String, Object> teacherRow = new LinkedHashMap<>();
        teacherRow.put("layers", teacher.bert().config().numHiddenLayers());
        teacherRow.put("parameters", teacher.parameterCount());
        teacherRow.put("encoder_parameters", encoderParameters(teacher.bert().stateDict()));
        teacherRow.put("mlm_accuracy", DistillationObjective.teacherAccuracy(teacher, batches));
        rows.put("teacher: bert-mini, pre-trained", teacherRow);

        DistilBertConfig studentConfig = DistilBertConfig.studentOf(teacher.bert().config());
        List<DistilBertForMaskedLM> students = new ArrayList<>();
        String[] names = {"student: distilled (soft targets + MLM + cosine), teacher layers 0, 2",
            "student: masked LM only, teacher layers 0, 2"};
        DistillationLoss[] losses = {DistillationLoss.defaults(), new DistillationLoss(2, 0, 1, 0)};
        for (int i = 0; i < names.length; i++) {
            Rng rng = new Rng(SEED);
            DistilBertForMaskedLM student = new DistilBertForMaskedLM(studentConfig, rng);
            StudentInitializer.copy(teacher, student, StudentInitializer.everyOther(studentConfig.nLayers()));
            FineTuneRun.Outcome o = STUDENT_TRAINING.run(student, rng,
                    new DistillationObjective(teacher, student, batches, losses[i]), System.err);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("layers", studentConfig.nLayers());
            row.put("parameters", student.parameterCount());
            row.put("encoder_parameters", encoderParameters(student.distilbert().stateDict()));
            row.put("loss", losses[i].toString());
            row.put("mlm_accuracy", o.last().get("test.mlm_accuracy"));
            row.putAll(o.summary());
            rows.put(names[i], row);
            students.add(student);
        }
        Map<String, Object> speed = timing(teacher, students.get(0), batches.heldOutBatches(TIMED_BATCHES));

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("command", "newarch experiment distillation");
        data.put("teacher_pre_training", TEACHER.toString());
        data.put("teacher_pre_training_final", pre.history().lastEvaluation().metrics());
        data.put("student_training", STUDENT_TRAINING.toString());
        data.put("evaluation", TEACHER.evalPairs() + " fixed held-out pairs, masked-LM accuracy at the selected"
                + " positions (the teacher's own evaluation pairs)");
        json.add("data", Results.GSON.toJsonTree(data));
        json.add("results", Results.GSON.toJsonTree(rows));
        json.add("forward_time", Results.GSON.toJsonTree(speed));
        return json;
    }

    /** Parameters outside the embeddings and heads: what distillation halves. */
    static long encoderParameters(Map<String, org.nd4j.linalg.api.ndarray.INDArray> state) {
        return state.entrySet().stream().filter(e -> e.getKey().contains("layer."))
                .mapToLong(e -> e.getValue().length()).sum();
    }

    /**
     * Forward time of teacher and student (full masked-LM logits, no gradient) on the same batches, interleaved so
     * that both see the same machine load; the median of the rounds.
     */
    static Map<String, Object> timing(BertForPreTraining teacher, DistilBertForMaskedLM student,
                                      List<PairBatch> batches) {
        teacher.eval();
        student.eval();
        double[] t = new double[TIMING_ROUNDS];
        double[] s = new double[TIMING_ROUNDS];
        try (GradMode ignored = GradMode.off()) {
            for (int round = -1; round < TIMING_ROUNDS; round++) {   // round -1 warms up
                long a = System.nanoTime();
                batches.forEach(b -> teacher.forward(b.inputIds(), b.attentionMask(), b.tokenTypeIds()));
                long m = System.nanoTime();
                batches.forEach(b -> student.forward(b.inputIds(), b.attentionMask()));
                long e = System.nanoTime();
                if (round >= 0) {
                    t[round] = (m - a) / 1e6 / batches.size();
                    s[round] = (e - m) / 1e6 / batches.size();
                }
            }
        }
        java.util.Arrays.sort(t);
        java.util.Arrays.sort(s);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("teacher_ms_per_batch", t[TIMING_ROUNDS / 2]);
        out.put("student_ms_per_batch", s[TIMING_ROUNDS / 2]);
        out.put("speed_up", t[TIMING_ROUNDS / 2] / s[TIMING_ROUNDS / 2]);
        out.put("batch", "64 held-out pairs of at most " + TEACHER.maxLength() + " tokens; median of " + TIMING_ROUNDS
                + " interleaved rounds over " + batches.size() + " batches; one thread");
        return out;
    }
}
