package newarch.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registry of benchmarks by name, in the order {@code bench} with no names runs them. */
public final class Benchmarks {
    private static final Map<String, Benchmark> ALL = new LinkedHashMap<>();

    static {
        register(new AttentionBenchmark());
        register(new MatmulBenchmark());
        register(new TrainBenchmark());
        register(new WindowBenchmark());
        register(new ReversibleBenchmark());
        register(new ScalingBenchmark());
    }

    private Benchmarks() {
    }

    private static void register(Benchmark b) {
        ALL.put(b.name(), b);
    }

    /** Every option some benchmark declares (see {@link Benchmark#options()}). */
    public static java.util.Set<String> extraOptions() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        ALL.values().forEach(b -> out.addAll(b.options().keySet()));
        return out;
    }

    public static List<Benchmark> all() {
        return List.copyOf(ALL.values());
    }

    /** The named benchmarks (all of them when none is named); an unknown name is an IllegalArgumentException. */
    public static List<Benchmark> resolve(List<String> names) {
        if (names.isEmpty()) {
            return all();
        }
        List<String> unknown = names.stream().filter(n -> !ALL.containsKey(n)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown benchmark" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + " (known: " + String.join(", ", ALL.keySet()) + ")");
        }
        List<Benchmark> out = new ArrayList<>();
        names.forEach(n -> out.add(ALL.get(n)));
        return out;
    }
}
