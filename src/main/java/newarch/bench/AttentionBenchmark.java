package newarch.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import newarch.attention.MultiHeadAttention;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code attention}: forward + backward of {@link MultiHeadAttention} (d_model 512, 8 heads, float32,
 * self-attention, PyTorch defaults: biases on, head-averaged weights) for each batch × length, reported as
 * GFLOP/s in two rows: against a plain float32 {@code mmul} of about the same FLOP count ({@code ratio_to_matmul})
 * and against SameDiff's multi-head attention on the same shapes ({@code ratio_to_samediff}).
 */
public final class AttentionBenchmark implements Benchmark {
    static final int D_MODEL = 512;
    static final int HEADS = 8;
    private static final long SEED = 42;

    @Override
    public String name() {
        return "attention";
    }

    @Override
    public String summary() {
        return "multi-head self-attention fwd+bwd GFLOP/s (d 512, 8 heads) vs ND4J mmul and SameDiff";
    }

    /**
     * Analytic FLOPs of one forward + backward pass (a multiply-add counts 2; softmax, scaling, bias and other
     * elementwise work are ignored). With d = d_model, h heads of dh = d/h:
     * <pre>
     *   projections  4 linear maps d×d (q, k, v, out) at 2·B·L·d² each       = 8·B·L·d²
     *   attention    QKᵀ 2·B·h·L²·dh + PV 2·B·h·L²·dh = 4·B·L²·(h·dh)          = 4·B·L²·d
     *   forward      8·B·L·d² + 4·B·L²·d
     *   backward     ≈ 2 × forward (each product yields two: the gradients of both operands)
     *   total        3 · forward
     * </pre>
     */
    static long flops(long batch, long length, long d) {
        long forward = 8 * batch * length * d * d + 4 * batch * length * length * d;
        return 3 * forward;
    }

    /** The side of a square matmul with about the same FLOPs: 2n³ ≈ flops. */
    static int matmulSide(long flops) {
        return (int) Math.max(64, Math.round(Math.cbrt(flops / 2.0)));
    }

    @Override
    public void run(BenchOptions o, Consumer<BenchResult> sink) {
        for (int batch : o.batches()) {
            for (int length : o.lengths()) {
                System.gc();
                measure(batch, length, o.warmup(), o.itersOr(length <= 512 ? 5 : 3), sink);
            }
        }
    }

    private void measure(int batch, int length, int warmup, int iters, Consumer<BenchResult> sink) {
        long flops = flops(batch, length, D_MODEL);
        int n = matmulSide(flops);
        double matmul = MatmulBenchmark.seconds(n, DataType.FLOAT, warmup, iters);
        double matmulGflops = MatmulBenchmark.flops(n) / matmul / 1e9;
        System.gc();
        double ours = ourSeconds(batch, length, warmup, iters);
        System.gc();
        double samediff = Double.NaN;
        String error = null;
        try {
            samediff = sameDiffSeconds(batch, length, warmup, iters);
        } catch (RuntimeException | OutOfMemoryError e) {
            error = "SameDiff multiHeadDotProductAttention failed: " + e.getClass().getSimpleName() + ": "
                    + String.valueOf(e.getMessage()).replace('\n', ' ');
        }
        System.gc();
        double gflops = flops / ours / 1e9;
        String label = "B=" + batch + " L=" + length;

        Map<String, Object> a = params(batch, length, flops, warmup, iters);
        a.put("baseline", "nd4j mmul float32 n x n");
        a.put("matmul_n", n);
        sink.accept(new BenchResult(name(), label, a, "ratio_to_matmul", gflops, "GFLOP/s", matmulGflops, ours,
                matmul, null));

        Map<String, Object> b = params(batch, length, flops, warmup, iters);
        b.put("baseline", "samediff multiHeadDotProductAttention (no biases)");
        sink.accept(new BenchResult(name(), label, b, "ratio_to_samediff", gflops, "GFLOP/s", flops / samediff / 1e9,
                ours, samediff, error));
    }

    private static Map<String, Object> params(int batch, int length, long flops, int warmup, int iters) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("batch", batch);
        p.put("len", length);
        p.put("d_model", D_MODEL);
        p.put("heads", HEADS);
        p.put("dtype", "float32");
        p.put("self_attention", true);
        p.put("flops", flops);
        p.put("warmup", warmup);
        p.put("iters", iters);
        return p;
    }

    /** Median seconds of forward + backward (input gradient included) of our layer; the graph is dropped each time. */
    static double ourSeconds(int batch, int length, int warmup, int iters) {
        Rng rng = new Rng(SEED);
        MultiHeadAttention mha = new MultiHeadAttention(D_MODEL, HEADS, rng);
        Tensor x = Tensor.parameter(rng.normal(DataType.FLOAT, 0, 1, batch, length, D_MODEL));
        INDArray upstream = rng.normal(DataType.FLOAT, 0, 1, batch, length, D_MODEL); // loss = Σ out ⊙ upstream
        return Timer.medianSeconds(warmup, iters, () -> {
            mha.zeroGrad();
            x.zeroGrad();
            mha.forward(x, null).output().backward(upstream);
        });
    }

    static double sameDiffSeconds(int batch, int length, int warmup, int iters) {
        SameDiffAttention sd = new SameDiffAttention(batch, length, D_MODEL, HEADS, SEED);
        return Timer.medianSeconds(warmup, iters, sd::step);
    }
}
