package newarch.models.blosa;

import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Reshaping;
import newarch.tensor.Rng;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Bi-directional block self-attention, Bi-BloSA (Shen, Zhou, Long, Jiang and Zhang, ICLR 2018, §4.2): two
 * fully-connected maps x^fw = σ(W^fw x + b^fw) and x^bw = σ(W^bw x + b^bw), a masked block self-attention on each
 * (forward mask on one, backward mask on the other), and the concatenation u = [u^fw; u^bw] as the context-aware
 * representation of every token, [B, n, 2·d_e]. Each token sees earlier tokens of its block and earlier blocks through
 * the forward half and later ones through the backward half, so the pair encodes order without positional encodings.
 */
public final class BiBloSA extends Module {
    private final BloSaConfig config;
    private final Linear forwardMap;
    private final Linear backwardMap;
    private final MaskedBlockSelfAttention forwardAttention;
    private final MaskedBlockSelfAttention backwardAttention;

    public BiBloSA(BloSaConfig config, Rng rng) {
        this.config = config;
        this.forwardMap = child("fw_map", new Linear(config.inputDim(), config.hidden(), true, rng));
        this.backwardMap = child("bw_map", new Linear(config.inputDim(), config.hidden(), true, rng));
        this.forwardAttention = child("fw", new MaskedBlockSelfAttention(config, Direction.FORWARD, rng));
        this.backwardAttention = child("bw", new MaskedBlockSelfAttention(config, Direction.BACKWARD, rng));
    }

    public BloSaConfig config() {
        return config;
    }

    public Tensor forward(Tensor x) {
        return forward(x, null);
    }

    /**
     * @param x       [B, n, inputDim]
     * @param padding [B, n], 1 (or true) at padded tokens as PyTorch's key_padding_mask, or null: padded tokens are
     *                never attended, and their own outputs are meaningless
     * @return [B, n, 2·hidden]: forward half first
     */
    public Tensor forward(Tensor x, INDArray padding) {
        Shapes.requireRank("Bi-BloSA input x", x, 3);
        Shapes.requireSize("Bi-BloSA input x", x, 2, config.inputDim(), "inputDim");
        Shapes.requireFloating("Bi-BloSA input x", x);
        if (x.size(1) < 1) {
            throw new ShapeException("Bi-BloSA input x is " + Shapes.show(x.data()) + ": the sequence is empty");
        }
        INDArray valid = null;
        if (padding != null) {
            if (padding.rank() != 2 || padding.size(0) != x.size(0) || padding.size(1) != x.size(1)) {
                throw new ShapeException("Bi-BloSA padding is " + Shapes.show(padding) + " but x is "
                        + Shapes.show(x.data()) + ": it must be [batch, length] = "
                        + Shapes.show(new long[] {x.size(0), x.size(1)}));
            }
            valid = padding.neq(0).castTo(x.dataType()).rsub(1);
        }
        Tensor xf = Activation.apply(config.activation(), forwardMap.forward(x));  // [B, n, d_e]
        Tensor xb = Activation.apply(config.activation(), backwardMap.forward(x)); // [B, n, d_e]
        return Reshaping.concat(2, forwardAttention.forward(xf, valid), backwardAttention.forward(xb, valid));
    }
}
