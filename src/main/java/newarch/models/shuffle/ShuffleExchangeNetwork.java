package newarch.models.shuffle;

import java.util.function.Supplier;
import newarch.models.SequenceTagger;
import newarch.nn.Embedding;
import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.nn.ModuleList;
import newarch.tensor.Rng;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A Shuffle-Exchange network as a sequence tagger (one output per input position), as the NSE and RSE papers use it
 * on the algorithmic tasks: embedding → several {@link BenesBlock}s → a final switch layer → a per-position linear
 * output. The input is padded with PAD to the next power of two n = 2^k (PAD has its own learned embedding) and the
 * output cut back to the input length. A batch is padded to its longest member, and n sets the depth (2 log n
 * levels per block), so a short sequence gets the same answer in any batch only when the padded n is the same.
 *
 * <p>Cost: every switch layer processes n/2 pairs with fixed-size matmuls, and there are blocks·2(k − 1) + 1 of
 * them, so a sequence costs O(n log n) — against O(n²) for self-attention. {@link #switchApplications()} counts the
 * pairs, which the tests compare with blocks·2(k − 1)·n/2 + n/2. (For one block that is (2k − 1)·n/2, the
 * 2k − 1 stages of a Beneš network.)
 */
public final class ShuffleExchangeNetwork extends Module implements SequenceTagger {
    private final ShuffleExchangeConfig config;
    private final Embedding embedding;
    private final ModuleList<BenesBlock> blocks;
    private final SwitchUnit last;
    private final Linear output;

    public ShuffleExchangeNetwork(ShuffleExchangeConfig config, Rng rng) {
        this.config = config;
        Supplier<SwitchUnit> unit = config.variant() == ShuffleExchangeConfig.Variant.NSE
                ? () -> new GatedSwitchUnit(config.m(), rng) : () -> new ResidualSwitchUnit(config.m(), rng);
        this.embedding = child("embedding", new Embedding(config.vocab(), config.m(), rng));
        this.blocks = child("blocks", new ModuleList<>(config.blocks(), i -> new BenesBlock(unit, config.edgeUnits())));
        this.last = child("last", unit.get());
        this.output = child("output", new Linear(config.m(), config.vocab(), true, rng));
    }

    /** Per-position logits [batch, len, vocab] for token ids [batch, len] (any len ≥ 1). */
    @Override
    public Tensor tag(INDArray tokens) {
        if (tokens.rank() != 2 || !tokens.dataType().isIntType()) {
            throw new ShapeException("tokens are " + tokens.dataType() + " " + Shapes.show(tokens)
                    + " but must be integer ids [batch, len]");
        }
        long b = tokens.size(0);
        int len = (int) tokens.size(1);
        int n = ShuffleLayer.paddedLength(len);
        INDArray padded = Nd4j.zeros(DataType.LONG, b, n);         // Vocabulary.PAD = 0 beyond the input
        padded.get(NDArrayIndex.all(), NDArrayIndex.interval(0, len)).assign(tokens.castTo(DataType.LONG));
        Tensor h = network(embedding.forward(padded));              // [batch, n, m]
        return output.forward(h.slice(1, 0, len));                  // [batch, len, vocab]
    }

    /** The Shuffle-Exchange network itself: [batch, n, m] → [batch, n, m], n a power of two. */
    public Tensor network(Tensor x) {
        ShuffleLayer.requirePositions("shuffle-exchange network", x);
        if (x.size(2) != config.m()) {
            throw new ShapeException("shuffle-exchange network: input is " + Shapes.show(x.data())
                    + " but its last dimension must be m = " + config.m());
        }
        Tensor h = x;
        for (BenesBlock block : blocks) {
            h = block.forward(h);
        }
        return last.forward(h);
    }

    @Override
    public int vocabularySize() {
        return config.vocab();
    }

    public ShuffleExchangeConfig config() {
        return config;
    }

    public BenesBlock block(int i) {
        return blocks.get(i);
    }

    /** Switch-unit pairs processed per sequence since construction or {@link #resetSwitchApplications()}. */
    public long switchApplications() {
        long total = last.applications();
        for (BenesBlock block : blocks) {
            for (SwitchUnit unit : block.units()) {
                total += unit.applications();
            }
        }
        return total;
    }

    public void resetSwitchApplications() {
        last.resetApplications();
        for (BenesBlock block : blocks) {
            block.units().forEach(SwitchUnit::resetApplications);
        }
    }
}
