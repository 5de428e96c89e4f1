package newarch.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code matmul}: a square ND4J {@code mmul} in float32 at n = 256, 512, 1024 (64, 128 with {@code --quick}),
 * against the same product in float64 as the baseline. Also the "what BLAS can do" yardstick of other benchmarks.
 */
public final class MatmulBenchmark implements Benchmark {
    static final List<Integer> SIZES = List.of(256, 512, 1024);
    static final List<Integer> QUICK_SIZES = List.of(64, 128);

    @Override
    public String name() {
        return "matmul";
    }

    @Override
    public String summary() {
        return "square float32 mmul GFLOP/s at 256, 512, 1024; baseline float64";
    }

    @Override
    public void run(BenchOptions o, Consumer<BenchResult> sink) {
        int iters = o.itersOr(5);
        for (int n : o.quick() ? QUICK_SIZES : SIZES) {
            System.gc();
            double f32 = seconds(n, DataType.FLOAT, o.warmup(), iters);
            double f64 = seconds(n, DataType.DOUBLE, o.warmup(), iters);
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("n", n);
            params.put("dtype", "float32");
            params.put("baseline_dtype", "float64");
            params.put("flops", flops(n));
            params.put("warmup", o.warmup());
            params.put("iters", iters);
            sink.accept(new BenchResult(name(), "n=" + n, params, "gflops", flops(n) / f32 / 1e9, "GFLOP/s",
                    flops(n) / f64 / 1e9, f32, f64, null));
        }
    }

    /** 2n³: n² outputs, each n multiplies and n adds. */
    static long flops(long n) {
        return 2 * n * n * n;
    }

    /** Median seconds of one n×n by n×n {@code mmul} of random matrices of the given type. */
    static double seconds(int n, DataType type, int warmup, int iters) {
        INDArray a = Nd4j.rand(type, n, n);
        INDArray b = Nd4j.rand(type, n, n);
        return Timer.medianSeconds(warmup, iters, () -> a.mmul(b));
    }
}
