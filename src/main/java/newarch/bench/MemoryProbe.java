package newarch.bench;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import newarch.models.reformer.ReformerConfig;
import newarch.models.reformer.ReversibleBlock;
import newarch.models.reformer.ReversibleLayer;
import newarch.models.reformer.ReversibleStep;
import newarch.tensor.GradMode;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The child side of {@link ChildProbe}: measures one configuration in its own JVM and prints one line
 * {@code PROBE {"seconds": ..., "peak_bytes": ..., ...}}. Arguments are {@code key=value}:
 * <ul>
 *   <li>{@code probe=reformer mode=reversible|stored depth=D length=L hidden=H}: a stack of D Reformer layers
 *       (LSH attention + feed-forward) through {@link ReversibleBlock#forward} or {@link ReversibleBlock#forwardStored};</li>
 *   <li>{@code probe=scaling subject=NAME length=L hidden=H}: one {@link ScalingSubject}.</li>
 * </ul>
 * Each run: one warm-up step, {@code iters} timed steps (median; 0 reports the warm-up step's time), then one step with memory sampled (see
 * {@link PeakSampler}); also the resident high-water mark over that step, which counts garbage not yet collected
 * too and is therefore an upper bound.
 */
public final class MemoryProbe {
    private MemoryProbe() {
    }

    /** One training step split where memory is sampled. */
    private interface Probe {
        Tensor forward(PeakSampler sampler);

        List<Tensor> leaves();

        /** Inference only: forward without a graph, no backward. */
        default boolean forwardOnly() {
            return false;
        }
    }

    public static void main(String[] args) {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("probe argument '" + arg + "' is not key=value");
            }
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        int length = Integer.parseInt(a.getOrDefault("length", "512"));
        int hidden = Integer.parseInt(a.getOrDefault("hidden", "64"));
        int iters = Integer.parseInt(a.getOrDefault("iters", "1"));
        long seed = Long.parseLong(a.getOrDefault("seed", "42"));
        Probe probe = switch (a.getOrDefault("probe", "")) {
            case "reformer" -> reformer(a.getOrDefault("mode", "reversible"), Integer.parseInt(a.get("depth")),
                    length, hidden, seed);
            case "scaling" -> scaling(ScalingSubjects.named(a.get("subject")), length, hidden, seed);
            default -> throw new IllegalArgumentException("probe must be reformer or scaling, got " + a.get("probe"));
        };
        JsonObject out = measure(probe, iters);
        System.out.println(ChildProbe.PREFIX + out);
        System.out.flush();
        System.exit(0); // ND4J leaves non-daemon threads
    }

    private static JsonObject measure(Probe probe, int iters) {
        long start = System.nanoTime();
        step(probe, null); // warm-up: first-call costs, and any lazily made state, out of the measurement
        double warmup = (System.nanoTime() - start) / 1e9;
        // iters = 0: no separate timing, report the warm-up step (for memory-only runs)
        double seconds = iters == 0 ? warmup : Timer.medianSeconds(0, iters, () -> step(probe, null));
        PeakSampler sampler = new PeakSampler();
        boolean hwm = ResidentMemory.resetHighWater();
        step(probe, sampler);
        long highWater = ResidentMemory.highWater() - sampler.baseline();
        JsonObject o = new JsonObject();
        o.addProperty("seconds", seconds);
        o.addProperty("peak_bytes", sampler.peakAboveBaseline());
        o.addProperty("baseline_bytes", sampler.baseline());
        o.addProperty("high_water_bytes", hwm ? highWater : -1);
        o.addProperty("samples", sampler.samples());
        return o;
    }

    private static void step(Probe probe, PeakSampler sampler) {
        if (probe.forwardOnly()) {
            try (GradMode ignored = GradMode.off()) {
                Tensor out = probe.forward(sampler);
                if (sampler != null) {
                    sampler.sample(); // the output, held
                }
                out.data().sumNumber(); // nothing above may be skipped as unused
            }
            return;
        }
        probe.leaves().forEach(Tensor::zeroGrad);
        Tensor out = probe.forward(sampler);
        if (sampler != null) {
            sampler.sample(); // the graph as kept for backward
        }
        out.backward(Nd4j.onesLike(out.data()));
        if (sampler != null) {
            sampler.sample(); // gradients, with the graph still referenced by out
        }
    }

    private static Probe reformer(String mode, int depth, int length, int hidden, long seed) {
        if (!mode.equals("reversible") && !mode.equals("stored")) {
            throw new IllegalArgumentException("mode must be reversible or stored, got " + mode);
        }
        Rng rng = new Rng(seed);
        int heads = 2;
        ReformerConfig config = ReformerConfig.tiny(16, hidden, heads, hidden / heads,
                Collections.nCopies(depth, "lsh"), LshAttentionSubject.CHUNK, 1, LshAttentionSubject.buckets(length));
        List<ReversibleLayer> layers = new ArrayList<>();
        List<Tensor> parameters = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            ReversibleLayer layer = new ReversibleLayer(config, i, rng);
            layers.add(layer);
            parameters.addAll(layer.parameters());
        }
        Tensor x1 = Tensor.parameter(rng.normal(org.nd4j.linalg.api.buffer.DataType.FLOAT, 0, 1, 1, length, hidden));
        Tensor x2 = Tensor.parameter(rng.normal(org.nd4j.linalg.api.buffer.DataType.FLOAT, 0, 1, 1, length, hidden));
        List<Tensor> leaves = new ArrayList<>(parameters);
        leaves.add(x1);
        leaves.add(x2);
        return new Probe() {
            @Override
            public Tensor forward(PeakSampler sampler) {
                List<ReversibleStep> steps = new ArrayList<>();
                for (ReversibleLayer layer : layers) {
                    steps.add(sampled(layer.step((INDArray) null, null), sampler));
                }
                return mode.equals("reversible") ? ReversibleBlock.forward(steps, x1, x2, parameters)
                        : ReversibleBlock.forwardStored(steps, x1, x2);
            }

            @Override
            public List<Tensor> leaves() {
                return leaves;
            }
        };
    }

    /** The step with a memory sample after every call of f and g (the reversible backward calls them again). */
    private static ReversibleStep sampled(ReversibleStep step, PeakSampler sampler) {
        if (sampler == null) {
            return step;
        }
        return new ReversibleStep(x -> {
            Tensor y = step.f().apply(x);
            sampler.sample();
            return y;
        }, x -> {
            Tensor y = step.g().apply(x);
            sampler.sample();
            return y;
        });
    }

    private static Probe scaling(ScalingSubject subject, int length, int hidden, long seed) {
        ScalingSubject.Step s = subject.prepare(length, hidden, seed);
        return new Probe() {
            @Override
            public Tensor forward(PeakSampler sampler) {
                return s.forward();
            }

            @Override
            public List<Tensor> leaves() {
                return s.leaves();
            }

            @Override
            public boolean forwardOnly() {
                return s.forwardOnly();
            }
        };
    }
}
