package newarch.train;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import newarch.data.LengthRange;
import newarch.data.SequenceTask;
import newarch.data.Tasks;
import newarch.io.Safetensors;
import newarch.models.transformer.TransformerSeq2Seq;
import newarch.tensor.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The training loop: bit-identical reruns, resuming from a checkpoint, what a checkpoint holds, the report. */
class TrainerTest {
    @TempDir
    Path tmp;

    private static final SequenceTask TASK = Tasks.create("reverse", LengthRange.of(1, 4), LengthRange.of(5, 6));

    /** A micro Transformer with dropout 0.1 trained on short reversals, everything seeded by {@code seed}. */
    private static Trainer trainer(long seed, long steps, Path checkpoints) {
        return trainer(seed, seed, steps, checkpoints);
    }

    /** @param modelSeed initialisation and dropout; {@code seed} picks the batches */
    private static Trainer trainer(long seed, long modelSeed, long steps, Path checkpoints) {
        Rng rng = new Rng(modelSeed);
        TransformerSeq2Seq model = new TransformerSeq2Seq(MicroModels.config(), 14, 14, rng);
        TrainingObjective objective = new SequenceToSequenceObjective(model, TASK, seed, 8, 0.1, 6);
        Optimizer adam = new Adam(model.parameters(), new NoamSchedule(1, 3, 3e-3 * Math.sqrt(3)), 0.9, 0.98, 1e-9, 0,
                false);
        return new Trainer(model, rng, objective, adam, new Trainer.Options(steps, 1.0, 0, 0, checkpoints, null));
    }

    @Test
    void sameSeedSameLossCurveBitForBit() {
        double[] a = trainer(3, 6, null).run().losses();
        double[] b = trainer(3, 6, null).run().losses();
        assertArrayEquals(a, b, 0.0);
        assertEquals(6, a.length);
        assertFalse(Arrays.equals(a, trainer(4, 6, null).run().losses()), "another seed, another curve");
    }

    @Test
    void resumingContinuesTheSameCurve() {
        double[] straight = trainer(5, 8, null).run().losses();
        Path dir = tmp.resolve("ckpt");
        Trainer first = trainer(5, 4, dir);
        first.run();
        assertTrue(TrainingCheckpoint.exists(dir));
        // A fresh process builds the model from scratch (here even from another seed): the checkpoint decides.
        Trainer second = trainer(5, 99, 8, null);
        second.restore(dir);
        assertEquals(4, second.history().lastStep());
        double[] resumed = second.run().losses();
        assertArrayEquals(straight, resumed, 0.0);
    }

    @Test
    void checkpointHoldsNamedWeightsMomentsAndState() throws Exception {
        Path dir = tmp.resolve("ckpt");
        Trainer t = trainer(6, 3, dir);
        t.run();
        Map<String, INDArray> weights = Safetensors.read(dir.resolve("model.safetensors"));
        assertEquals(new TreeSet<>(t.model().stateDict().keySet()), weights.keySet());
        assertTrue(weights.containsKey("transformer.encoder.layers.0.self_attn.in_proj_weight"));
        Map<String, INDArray> moments = Safetensors.read(dir.resolve("optimizer.safetensors"));
        assertTrue(moments.containsKey("exp_avg.src_embed.weight"), moments.keySet().toString());
        assertTrue(moments.containsKey("exp_avg_sq.generator.bias"), moments.keySet().toString());
        String trainer = Files.readString(dir.resolve("trainer.json"));
        assertTrue(trainer.contains("\"step\":3") && trainer.contains("\"rng_state\""), trainer);
        assertBadInput(() -> trainer(6, 3, null).restore(tmp.resolve("nothing")), "no checkpoint in");
    }

    @Test
    void evaluationReportsExactAndTokenAccuracy() {
        Trainer t = trainer(7, 2, null);
        t.run();
        Map<String, Double> m = t.history().lastEvaluation().metrics();
        assertEquals(Set.of("test.exact", "test.token_accuracy", "test.loss", "longer.exact", "longer.token_accuracy",
                "longer.loss"), m.keySet());
        m.forEach((k, v) -> assertTrue(Double.isFinite(v) && v >= 0, k + " = " + v));
        assertTrue(t.model().isTraining(), "training mode is back after evaluating");
    }

    @Test
    void experimentWritesTheReportAndResumes() throws Exception {
        String name = MicroModels.register();
        TrainingConfig config = TrainingConfig.defaults("copy", name).withSteps(6).withEvaluation(3, 4, 0)
                .withLengths(LengthRange.of(1, 3), LengthRange.of(4, 5));
        Path out = tmp.resolve("run");
        Map<String, Object> m = Experiment.create(config, out, null).run();
        assertEquals(6L, m.get("steps"));
        assertTrue(m.containsKey("test.exact") && m.containsKey("tokens_per_second"), m.toString());
        for (String f : List.of("config.json", "metrics.json", "loss.csv", "eval.csv", "loss.png", "eval.png",
                "checkpoint/model.safetensors", "checkpoint/optimizer.safetensors", "checkpoint/trainer.json")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertEquals(7, Files.readAllLines(out.resolve("loss.csv")).size(), "header and one row per step");
        assertEquals(3, Files.readAllLines(out.resolve("eval.csv")).size(), "header, steps 3 and 6");
        assertBadInput(() -> Experiment.create(config, out, null), "already holds a run");

        Map<String, Object> resumed = Experiment.resume(out, 9L, null).run();
        assertEquals(9L, resumed.get("steps"));
        Path straight = tmp.resolve("straight");
        Experiment.create(config.withSteps(9), straight, null).run();
        assertEquals(Files.readAllLines(straight.resolve("loss.csv")).stream().map(TrainerTest::withoutSeconds).toList(),
                Files.readAllLines(out.resolve("loss.csv")).stream().map(TrainerTest::withoutSeconds).toList());
    }

    /** A loss.csv row without its last column, the wall-clock seconds. */
    private static String withoutSeconds(String row) {
        return row.substring(0, row.lastIndexOf(','));
    }

    @Test
    void badSettings() {
        String name = MicroModels.register();
        TrainingConfig ok = TrainingConfig.defaults("copy", name);
        assertBadInput(() -> ok.withSteps(0), "steps is 0");
        assertBadInput(() -> ok.withLearningRate("cosine", 1e-3, 10), "schedule is 'cosine'");
        assertBadInput(() -> ok.withLearningRate("noam", -1, 10), "learning rate is -1");
        assertBadInput(() -> ok.withRegularisation(1.5, 1), "label smoothing is 1.5");
        assertBadInput(() -> TrainingConfig.defaults("copy", "no-such-model"), "unknown model 'no-such-model'");
        assertBadInput(() -> Experiment.resume(tmp.resolve("none"), null, null), "no run to resume");
    }
}
