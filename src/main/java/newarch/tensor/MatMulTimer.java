package newarch.tensor;

import java.util.concurrent.atomic.LongAdder;

/**
 * Wall-clock time spent inside matrix products, for "what share of a training step is matmul?" ({@code bench train}).
 * Off by default: a product then pays one volatile read. While on, every product of {@link MatMul#product} adds its
 * nanoseconds to a {@link LongAdder}, so threads never contend; the total is the sum over all threads.
 */
public final class MatMulTimer {
    private static volatile boolean enabled;
    private static final LongAdder NANOS = new LongAdder();
    private static final LongAdder CALLS = new LongAdder();

    private MatMulTimer() {
    }

    /** Starts timing from zero. */
    public static void start() {
        NANOS.reset();
        CALLS.reset();
        enabled = true;
    }

    /** Stops timing; the totals stay readable until the next {@link #start()}. */
    public static void stop() {
        enabled = false;
    }

    public static boolean isEnabled() {
        return enabled;
    }

    public static long nanos() {
        return NANOS.sum();
    }

    public static long calls() {
        return CALLS.sum();
    }

    static void record(long nanos) {
        NANOS.add(nanos);
        CALLS.increment();
    }
}
