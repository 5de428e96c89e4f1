package newarch.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import newarch.attention.Masks;
import newarch.attention.ScaledDotProductAttention;
import newarch.attention.WindowedAttention;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code window}: forward + backward time of {@link WindowedAttention} against full attention with the same band
 * as an additive mask ({@link Masks#banded}), which computes all L² scores and throws most away. One sequence of
 * L = 2048 frames, d = 64, float32, single head, windows 16…512; both measured in the same run for each window.
 * {@code value} is the windowed time, {@code baseline} the full masked time, {@code ratio} their quotient (below 1:
 * the window pays). With {@code --quick}: L = 256, windows 8, 32. Memory is not sampled (that is {@code bench
 * scaling}'s job, one JVM per point); each row carries the size of the float32 score matrices instead, counted:
 * {@code score_mb} for the windowed [c × 3c] blocks, {@code score_mb_full} for the full [L × L] matrix — the part of
 * the memory that depends on the window.
 */
public final class WindowBenchmark implements Benchmark {
    static final int DIM = 64;
    private static final long SEED = 43;

    @Override
    public String name() {
        return "window";
    }

    @Override
    public String summary() {
        return "windowed self-attention fwd+bwd time vs full attention under the banded mask (L 2048, d 64)";
    }

    @Override
    public void run(BenchOptions o, Consumer<BenchResult> sink) {
        int length = o.quick() ? 256 : 2048;
        List<Integer> windows = o.quick() ? List.of(8, 32) : List.of(16, 32, 64, 128, 256, 512);
        int iters = o.itersOr(5);
        for (int w : windows) {
            System.gc();
            measure(length, w, o.warmup(), iters, sink);
        }
    }

    private void measure(int length, int window, int warmup, int iters, Consumer<BenchResult> sink) {
        Rng rng = new Rng(SEED);
        Tensor q = Tensor.parameter(rng.normal(DataType.FLOAT, 0, 1, 1, length, DIM));
        Tensor k = Tensor.parameter(rng.normal(DataType.FLOAT, 0, 1, 1, length, DIM));
        Tensor v = Tensor.parameter(rng.normal(DataType.FLOAT, 0, 1, 1, length, DIM));
        INDArray upstream = rng.normal(DataType.FLOAT, 0, 1, 1, length, DIM);
        WindowedAttention windowed = new WindowedAttention(window);
        Tensor band = Masks.banded(length, window, DataType.FLOAT); // built once, outside the timing
        Runnable zero = () -> {
            q.zeroGrad();
            k.zeroGrad();
            v.zeroGrad();
        };
        double ours = Timer.medianSeconds(warmup, iters, () -> {
            zero.run();
            windowed.attend(q, k, v).backward(upstream);
        });
        System.gc();
        double full = Timer.medianSeconds(warmup, iters, () -> {
            zero.run();
            ScaledDotProductAttention.attend(q, k, v, band).output().backward(upstream);
        });
        long chunks = (length + windowed.chunk() - 1) / windowed.chunk();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("len", length);
        p.put("d", DIM);
        p.put("window", window);
        p.put("chunk", windowed.chunk());
        p.put("batch", 1);
        p.put("heads", 1);
        p.put("dtype", "float32");
        p.put("pass", "forward+backward");
        p.put("scores_computed", chunks * windowed.chunk() * 3L * windowed.chunk());
        p.put("scores_full", (long) length * length);
        p.put("score_mb", chunks * windowed.chunk() * 3L * windowed.chunk() * Float.BYTES / (1024.0 * 1024.0));
        p.put("score_mb_full", (long) length * length * Float.BYTES / (1024.0 * 1024.0));
        p.put("baseline", "full attention with Masks.banded (all L^2 scores)");
        p.put("warmup", warmup);
        p.put("iters", iters);
        sink.accept(new BenchResult(name(), "L=" + length + " w=" + window, p, "time_vs_full_masked", ours * 1e3,
                "ms", full * 1e3, ours, full, null));
    }
}
