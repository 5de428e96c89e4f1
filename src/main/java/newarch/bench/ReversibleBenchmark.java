package newarch.bench;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * {@code reversible}: peak memory of one training step (forward + backward) of a stack of Reformer layers (LSH
 * attention + feed-forward, batch 1, float32) as the stack grows from 1 to 24 layers, reversible
 * ({@code ReversibleBlock.forward}: activations recomputed layer by layer in the backward pass) against standard
 * ({@code ReversibleBlock.forwardStored}: every activation kept). Each row reports a depth's peak as a ratio to the
 * same method's peak at depth 1: reversible layers should stay near 1 (the Reformer's claim; the goal here is
 * ≤ 1.3 at depth 24), stored layers grow about linearly.
 *
 * <p>How memory is measured, and why this way. ND4J keeps arrays off the Java heap, so the process's resident set
 * is what counts. Each configuration runs in a fresh JVM ({@link ChildProbe}) with a fixed pre-touched Java heap
 * and glibc told to map every allocation of 16 KiB or more separately (so a freed array leaves the resident set).
 * After a warm-up step, {@link PeakSampler} takes the resident size with all garbage freed just before the step,
 * then again after every layer's f and g (forward, and the reversible backward's recomputations), after the forward
 * pass and after the backward pass, each time after freeing garbage: the peak above the start is the memory the
 * step holds live: activations kept for the backward pass, the layers' saved hash buckets, parameter gradients.
 * A native array freed between two samples is not seen, so this is the peak at layer granularity, not within an
 * op. The resident high-water mark over the same step is reported too ({@code high_water_mb}); it also counts
 * garbage the JVM had not collected yet, so it is an upper bound that depends on when the collector ran.
 */
public final class ReversibleBenchmark implements Benchmark {
    static final List<Integer> DEFAULT_DEPTHS = List.of(1, 2, 4, 8, 16, 24);
    static final double GOAL = 1.3;

    @Override
    public String name() {
        return "reversible";
    }

    @Override
    public String summary() {
        return "peak memory of a training step vs depth: reversible vs stored Reformer layers (ratio to depth 1)";
    }

    @Override
    public Map<String, String> options() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("--depths", "layer counts, e.g. 1,2,4,8,16,24 (1 is always added: it is the baseline)");
        o.put("--length", "sequence length (default 512; 128 with --quick)");
        o.put("--hidden", "width of each stream (default 64; 32 with --quick)");
        return o;
    }

    @Override
    public void run(BenchOptions o, Consumer<BenchResult> sink) {
        TreeSet<Integer> depths = new TreeSet<>(o.intsOption("--depths", o.quick() ? List.of(1, 2) : DEFAULT_DEPTHS));
        depths.add(1);
        int length = o.intOption("--length", o.quick() ? 128 : 512, 1);
        int hidden = o.intOption("--hidden", o.quick() ? 32 : 64, 2);
        if (hidden % 2 != 0) {
            throw new IllegalArgumentException("--hidden must be even (two heads), got " + hidden);
        }
        if (!ResidentMemory.available()) {
            throw new IllegalStateException("bench reversible needs /proc/self/status (Linux) to read memory");
        }
        for (String mode : List.of("reversible", "stored")) {
            JsonObject base = null;
            for (int depth : depths) {
                JsonObject r = probe(mode, depth, length, hidden);
                if (base == null) {
                    base = r;
                }
                sink.accept(row(mode, depth, length, hidden, r, base));
            }
        }
    }

    private static JsonObject probe(String mode, int depth, int length, int hidden) {
        List<String> args = new ArrayList<>(List.of("probe=reformer", "mode=" + mode, "depth=" + depth,
                "length=" + length, "hidden=" + hidden, "iters=0"));
        return ChildProbe.run(args, 3600);
    }

    private BenchResult row(String mode, int depth, int length, int hidden, JsonObject r, JsonObject base) {
        double mb = r.get("peak_bytes").getAsDouble() / (1 << 20);
        double baseMb = base.get("peak_bytes").getAsDouble() / (1 << 20);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("mode", mode);
        p.put("depth", depth);
        p.put("len", length);
        p.put("hidden", hidden);
        p.put("heads", 2);
        p.put("attention", "lsh, 1 hash, chunk " + LshAttentionSubject.CHUNK + ", "
                + LshAttentionSubject.buckets(length) + " buckets");
        p.put("batch", 1);
        p.put("dtype", "float32");
        p.put("baseline", "peak of the same mode at depth 1");
        p.put("high_water_mb", r.get("high_water_bytes").getAsDouble() / (1 << 20));
        p.put("process_rss_before_step_mb", r.get("baseline_bytes").getAsDouble() / (1 << 20));
        p.put("memory_samples", r.get("samples").getAsInt());
        p.put("warmup_step_ms", r.get("seconds").getAsDouble() * 1e3);
        p.put("method", "fresh JVM per row; live resident memory above the pre-step level, sampled after garbage"
                + " collection at every layer boundary and after forward and backward");
        if (mode.equals("reversible")) {
            p.put("goal_ratio_at_24", GOAL);
        }
        return new BenchResult(name(), mode + " d=" + depth, p, "peak_memory_ratio_to_depth1", mb, "MB", baseMb,
                r.get("seconds").getAsDouble(), base.get("seconds").getAsDouble(), null);
    }
}
