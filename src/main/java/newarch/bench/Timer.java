package newarch.bench;

import java.util.Arrays;

/** Wall-clock timing: run a body {@code warmup} times untimed, then the median of {@code iters} timed runs. */
public final class Timer {
    private Timer() {
    }

    /** Median seconds of one run of {@code body}. */
    public static double medianSeconds(int warmup, int iters, Runnable body) {
        if (iters < 1) {
            throw new IllegalArgumentException("iterations must be at least 1, got " + iters);
        }
        for (int i = 0; i < warmup; i++) {
            body.run();
        }
        double[] seconds = new double[iters];
        for (int i = 0; i < iters; i++) {
            long start = System.nanoTime();
            body.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        return median(seconds);
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
