package newarch.bench;

import java.util.function.Consumer;

/** One named benchmark of {@code bench}: it measures and hands each result row to a sink as soon as it has it. */
public interface Benchmark {
    String name();

    String summary();

    void run(BenchOptions options, Consumer<BenchResult> sink);

    /** Options of this benchmark alone, e.g. {@code "--depths"} mapped to a one-line description. */
    default java.util.Map<String, String> options() {
        return java.util.Map.of();
    }
}
