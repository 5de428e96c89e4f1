package newarch.nn;

import newarch.tensor.MatMul;
import newarch.tensor.Reshaping;
import newarch.tensor.Rng;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gated recurrent unit (Cho et al., 2014), exactly as torch.nn.GRU: gates r (reset), z (update), n (new), with
 * n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)) — the reset gate scales the hidden term including its bias — and
 * h' = (1 − z) ⊙ n + z ⊙ h. See {@link Recurrent} for layers, directions and lengths.
 */
public class GRU extends Recurrent {

    public GRU(RecurrentConfig config, Rng rng) {
        super("GRU", 3, config, rng);
    }

    /** One batch-first layer with biases. */
    public GRU(long inputSize, long hiddenSize, Rng rng) {
        this(RecurrentConfig.of(inputSize, hiddenSize), rng);
    }

    /** From the initial hidden state {@code h0} [layers·directions, batch, hidden] (null for zeros). */
    public RecurrentOutput forward(Tensor input, Tensor h0) {
        return forward(input, h0 == null ? null : RecurrentState.of(h0), null);
    }

    /**
     * One step of the GRU, torch.nn.GRUCell's arithmetic written out with autodiff ops, for teaching and for checking
     * the fused sweep that {@link #forward} runs (the two agree to rounding):
     * <pre>
     *   r = σ(W_ir x + b_ir + W_hr h + b_hr)          reset gate
     *   z = σ(W_iz x + b_iz + W_hz h + b_hz)          update gate
     *   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))  candidate
     *   h' = (1 − z) ⊙ n + z ⊙ h
     * </pre>
     *
     * @param x        the input of this step [batch, input]
     * @param h        the previous hidden state [batch, hidden]
     * @param weightIh W_ir, W_iz, W_in stacked [3·hidden, input] (a GRU's {@code weight_ih_l0})
     * @param weightHh W_hr, W_hz, W_hn stacked [3·hidden, hidden]
     * @param biasIh   [3·hidden], or null
     * @param biasHh   [3·hidden], or null
     * @return the next hidden state h' [batch, hidden]
     */
    public static Tensor cell(Tensor x, Tensor h, Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh) {
        Shapes.requireRank("GRU.cell: x", x, 2);
        Shapes.requireRank("GRU.cell: h", h, 2);
        long hidden = h.size(1);
        Shapes.requireShape("GRU.cell: weightHh", weightHh, 3 * hidden, hidden);
        Shapes.requireShape("GRU.cell: weightIh", weightIh, 3 * hidden, x.size(1));
        if (x.size(0) != h.size(0)) {
            throw new ShapeException("GRU.cell: x is " + Shapes.show(x.data()) + " and h is " + Shapes.show(h.data())
                    + ": they must have the same batch size");
        }
        Tensor gx = MatMul.matmul(x, weightIh, false, true);           // [batch, 3·hidden]: W_i· x
        Tensor gh = MatMul.matmul(h, weightHh, false, true);           // [batch, 3·hidden]: W_h· h
        if (biasIh != null) {
            Shapes.requireShape("GRU.cell: biasIh", biasIh, 3 * hidden);
            gx = gx.add(biasIh);
        }
        if (biasHh != null) {
            Shapes.requireShape("GRU.cell: biasHh", biasHh, 3 * hidden);
            gh = gh.add(biasHh);
        }
        Tensor[] in = Reshaping.split(gx, 1, hidden, hidden, hidden);  // r, z, n parts of the input term
        Tensor[] rec = Reshaping.split(gh, 1, hidden, hidden, hidden); // r, z, n parts of the hidden term
        Tensor r = in[0].add(rec[0]).sigmoid();
        Tensor z = in[1].add(rec[1]).sigmoid();
        Tensor n = in[2].add(r.mul(rec[2])).tanh();                    // r scales the hidden term, its bias included
        return n.add(z.mul(h.sub(n)));                                 // (1 − z)·n + z·h
    }

    @Override
    protected Tensor sweep(Tensor inputProjection, Tensor[] initial, Tensor weightHh, Tensor biasHh, INDArray mask,
                           boolean reverse) {
        return GruSweep.run(inputProjection, initial[0], weightHh, biasHh, mask, reverse);
    }

    @Override
    protected int stateCount() {
        return 1;
    }
}
