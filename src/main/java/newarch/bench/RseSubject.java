package newarch.bench;

import java.util.ArrayList;
import java.util.List;
import newarch.models.shuffle.ShuffleExchangeConfig;
import newarch.models.shuffle.ShuffleExchangeNetwork;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The Residual Shuffle-Exchange network ({@link ShuffleExchangeNetwork#network}): one Beneš block and the final switch
 * layer, {@value #M} features per position, on x [1, L, m]. It has 2·log2(L) switch layers of L/2 pairs each, so time
 * should grow like L log L: a fitted exponent a little above 1.
 *
 * <p>Two subjects: {@code rse} is a training step (forward + backward), whose memory also grows like L log L because
 * every switch layer keeps its activations for backward (about {@value #ARRAYS_PER_LAYER} [L, m] arrays each,
 * measured: 1.25 GB at L = 2^16), so the --max-gb budget stops it before 2^20; {@code rse-forward} is inference, which
 * holds one layer's activations at a time (memory like L) and runs to 2^20. m is fixed at {@value #M} rather than the
 * attention subjects' head width, or even inference at 2^20 would not fit.
 */
final class RseSubject implements ScalingSubject {
    static final int M = 8;
    /** Measured: [L, m] float arrays kept per switch layer for backward (pairs, LayerNorm, GELU, residual). */
    static final int ARRAYS_PER_LAYER = 20;
    /** [L, m] arrays alive at once during inference (a layer's input, its pairs, hidden and output). */
    static final int ARRAYS_LIVE_FORWARD = 12;

    private final boolean forwardOnly;

    RseSubject(boolean forwardOnly) {
        this.forwardOnly = forwardOnly;
    }

    @Override
    public String name() {
        return forwardOnly ? "rse-forward" : "rse";
    }

    @Override
    public String description() {
        return "Residual Shuffle-Exchange (1 Benes block, m " + M + (forwardOnly ? ", forward only)" : ")");
    }

    @Override
    public double expectedExponent() {
        return 1;
    }

    /** The point of O(n log n): RSE runs to 2^20, sixteen times the attention variants' longest input. */
    @Override
    public int longestLog2() {
        return 20;
    }

    @Override
    public long estimatedBytes(long length, long hidden) {
        long arrays = forwardOnly ? ARRAYS_LIVE_FORWARD : ARRAYS_PER_LAYER * 2L * log2(length);
        return 4L * arrays * length * M;
    }

    private static int log2(long length) {
        return 63 - Long.numberOfLeadingZeros(Math.max(2, length));
    }

    @Override
    public Step prepare(int length, int hidden, long seed) {
        Rng rng = new Rng(seed);
        ShuffleExchangeNetwork network = new ShuffleExchangeNetwork(
                new ShuffleExchangeConfig(ShuffleExchangeConfig.Variant.RSE, M, 1, 4), rng);
        Tensor x = Tensor.parameter(rng.normal(DataType.FLOAT, 0, 1, 1, length, M));
        List<Tensor> leaves = new ArrayList<>();
        // network() is the switch layers alone: the embedding and output layers take no part.
        network.namedParameters().forEach((name, p) -> {
            if (!name.startsWith("embedding.") && !name.startsWith("output.")) {
                leaves.add(p);
            }
        });
        leaves.add(x);
        return new Step() {
            @Override
            public Tensor forward() {
                return network.network(x);
            }

            @Override
            public List<Tensor> leaves() {
                return leaves;
            }

            @Override
            public boolean forwardOnly() {
                return forwardOnly;
            }
        };
    }
}
