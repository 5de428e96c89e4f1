package newarch.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import newarch.data.LengthRange;
import newarch.data.ReverseTask;
import newarch.data.SequenceTask;
import newarch.models.transformer.TransformerSeq2Seq;
import newarch.models.transformer.TransformerSeq2SeqConfig;
import newarch.tensor.MatMulTimer;
import newarch.tensor.Rng;
import newarch.train.Adam;
import newarch.train.LearningRateSchedule;
import newarch.train.SequenceToSequenceObjective;
import newarch.train.Trainer;
import newarch.train.TrainingHistory;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code train}: training throughput of a small Transformer (transformer-small: d_model 128, 4 heads, d_ff 512,
 * 3 + 3 layers; transformer-tiny with {@code --quick}) on the reverse task with every sequence of one length, in
 * tokens per second (source + target tokens, PAD excluded), with {@link MatMulTimer} on, so the same steps also say
 * what share of a step's time the matrix products take. Rows:
 * <ul>
 *   <li>{@code tokens_per_second}: baseline = the tokens per second if everything but the matrix products were free
 *       (tokens / matmul time), so ratio = the matmul share of step time;</li>
 *   <li>{@code matmul_share}: that share itself (baseline 1 = all time in matmul).</li>
 * </ul>
 * One ND4J thread, as {@code train} uses by default (see {@code cli/Threads}); the setting is restored afterwards.
 */
public final class TrainBenchmark implements Benchmark {
    private static final long SEED = 42;

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "Transformer training tokens/s on reverse (one thread) and the share of step time in matmul";
    }

    @Override
    public void run(BenchOptions o, Consumer<BenchResult> sink) {
        String modelName = o.quick() ? "transformer-tiny" : "transformer-small";
        int batch = o.quick() ? 16 : 32;
        int length = o.quick() ? 8 : 32;
        int iters = o.itersOr(10);
        int previousThreads = Nd4j.getEnvironment().maxThreads();
        int previousMaster = Nd4j.getEnvironment().maxMasterThreads();
        int previousBlas = Nd4j.factory().blas().getMaxThreads();
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
        try {
            measure(modelName, batch, length, o.warmup(), iters, sink);
        } finally {
            Nd4j.getEnvironment().setMaxThreads(previousThreads);
            Nd4j.getEnvironment().setMaxMasterThreads(previousMaster);
            Nd4j.factory().blas().setMaxThreads(previousBlas);
            MatMulTimer.stop();
        }
    }

    private void measure(String modelName, int batch, int length, int warmup, int iters, Consumer<BenchResult> sink) {
        SequenceTask task = new ReverseTask(10, LengthRange.of(length, length), LengthRange.of(length, length));
        Rng rng = new Rng(SEED);
        TransformerSeq2SeqConfig config = TransformerSeq2SeqConfig.named(modelName).withPositions(length + 1);
        int v = task.vocabulary().size();
        TransformerSeq2Seq model = new TransformerSeq2Seq(config, v, v, rng);
        Trainer trainer = new Trainer(model, rng, new SequenceToSequenceObjective(model, task, SEED, batch, 0.1, 1),
                new Adam(model.parameters(), LearningRateSchedule.constant(1e-3), 0.9, 0.98, 1e-9, 0, false),
                new Trainer.Options(warmup + iters, 1.0, 0, 0, null, null));
        for (int s = 1; s <= warmup; s++) {
            trainer.trainStep(s);
        }
        System.gc();
        long tokens = 0;
        MatMulTimer.start();
        long start = System.nanoTime();
        for (int s = warmup + 1; s <= warmup + iters; s++) {
            TrainingHistory.Step step = trainer.trainStep(s);
            tokens += step.inputTokens();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        MatMulTimer.stop();
        double matmulSeconds = MatMulTimer.nanos() / 1e9;
        double share = matmulSeconds / seconds;

        Map<String, Object> p = new LinkedHashMap<>();
        p.put("model", modelName);
        p.put("task", "reverse");
        p.put("batch", batch);
        p.put("len", length);
        p.put("d_model", config.dModel());
        p.put("layers", config.transformer().numEncoderLayers() + "+" + config.transformer().numDecoderLayers());
        p.put("parameters", model.parameterCount());
        p.put("dtype", "float32");
        p.put("threads", 1);
        p.put("warmup", warmup);
        p.put("iters", iters);
        p.put("tokens_per_step", tokens / iters);
        p.put("step_ms", seconds * 1e3 / iters);
        p.put("matmul_ms_per_step", matmulSeconds * 1e3 / iters);
        p.put("matmul_calls_per_step", MatMulTimer.calls() / iters);
        p.put("matmul_share", share);
        String label = modelName.replace("transformer-", "") + " B=" + batch + " L=" + length;

        Map<String, Object> a = new LinkedHashMap<>(p);
        a.put("baseline", "tokens per second of the matrix products alone (tokens / matmul time)");
        sink.accept(new BenchResult(name(), label, a, "tokens_per_second", tokens / seconds, "tokens/s",
                tokens / matmulSeconds, seconds / iters, matmulSeconds / iters, null));
        Map<String, Object> b = new LinkedHashMap<>(p);
        b.put("baseline", "all of the step in matmul");
        sink.accept(new BenchResult(name(), label, b, "matmul_share", share, "fraction", 1.0, seconds / iters,
                seconds / iters, null));
    }
}
