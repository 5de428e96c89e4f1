package newarch.nn;

import static newarch.nn.TimeSteps.at;
import static newarch.nn.TimeSteps.gate;
import static newarch.nn.TimeSteps.index;

import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One direction of one LSTM layer over a whole sequence, as a single op with a hand-written backward pass
 * (back-propagation through time). Per step, with gates in PyTorch's order i, f, g, o:
 * <pre>
 *   i = σ(W_ii x + b_ii + W_hi h + b_hi)      input gate
 *   f = σ(W_if x + b_if + W_hf h + b_hf)      forget gate
 *   g = tanh(W_ig x + b_ig + W_hg h + b_hg)   candidate cell
 *   o = σ(W_io x + b_io + W_ho h + b_ho)      output gate
 *   c' = f ⊙ c + i ⊙ g,   h' = o ⊙ tanh(c')
 * </pre>
 * The input terms arrive precomputed for all steps, as in {@link GruSweep}, which explains the single-op design.
 */
final class LstmSweep {
    private LstmSweep() {
    }

    /**
     * @param inputProjection W_ih x + b_ih for every step, [time, batch, 4·hidden]
     * @param h0              the initial hidden state [batch, hidden]
     * @param c0              the initial cell state [batch, hidden]
     * @param weightHh        W_hh [4·hidden, hidden]
     * @param biasHh          b_hh [4·hidden], or null
     * @param mask            [time, batch, 1], 1 at real steps, 0 at padding (state carried through, output 0), or null
     * @param reverse         run from the last step to the first
     * @return [time + 2, batch, hidden]: the output at every step, then the final hidden state, then the final cell
     */
    static Tensor run(Tensor inputProjection, Tensor h0, Tensor c0, Tensor weightHh, Tensor biasHh, INDArray mask,
                      boolean reverse) {
        INDArray x = inputProjection.data();
        INDArray w = weightHh.data();
        INDArray b = biasHh == null ? null : biasHh.data();
        DataType type = x.dataType();
        long steps = x.size(0);
        long batch = x.size(1);
        long hidden = w.size(1);
        INDArray gates = Nd4j.create(type, steps, batch, 4 * hidden);         // i, f, g, o after their nonlinearity
        INDArray cellTanh = Nd4j.create(type, steps, batch, hidden);          // tanh(c')
        INDArray previousH = Nd4j.create(type, steps, batch, hidden);
        INDArray previousC = Nd4j.create(type, steps, batch, hidden);
        INDArray packed = Nd4j.zeros(type, steps + 2, batch, hidden);
        INDArray h = h0.data();
        INDArray c = c0.data();
        for (long step = 0; step < steps; step++) {
            long t = index(step, steps, reverse);
            INDArray a = Nd4j.matmul(h, w, false, true, false).addi(at(x, t));  // [batch, 4·hidden]
            if (b != null) {
                a.addiRowVector(b);
            }
            INDArray i = Transforms.sigmoid(gate(a, 0, hidden), true);
            INDArray f = Transforms.sigmoid(gate(a, 1, hidden), true);
            INDArray gg = Transforms.tanh(gate(a, 2, hidden), true);
            INDArray o = Transforms.sigmoid(gate(a, 3, hidden), true);
            INDArray cNext = f.mul(c).addi(i.mul(gg));
            INDArray tc = Transforms.tanh(cNext, true);
            INDArray hNext = o.mul(tc);
            INDArray stored = at(gates, t);
            gate(stored, 0, hidden).assign(i);
            gate(stored, 1, hidden).assign(f);
            gate(stored, 2, hidden).assign(gg);
            gate(stored, 3, hidden).assign(o);
            at(cellTanh, t).assign(tc);
            at(previousH, t).assign(h);
            at(previousC, t).assign(c);
            if (mask == null) {
                at(packed, t).assign(hNext);
                h = hNext;
                c = cNext;
            } else {
                INDArray m = at(mask, t);                                        // [batch, 1]
                at(packed, t).assign(hNext.mulColumnVector(m));
                h = hNext.subi(h).muliColumnVector(m).addi(h);                  // padding keeps the old state
                c = cNext.subi(c).muliColumnVector(m).addi(c);
            }
        }
        at(packed, steps).assign(h);
        at(packed, steps + 1).assign(c);
        Tensor[] parents = biasHh == null ? new Tensor[] {inputProjection, h0, c0, weightHh}
                : new Tensor[] {inputProjection, h0, c0, weightHh, biasHh};
        return Tensor.fromOp("lstm", packed, grad -> {
            INDArray dGates = Nd4j.zeros(type, steps, batch, 4 * hidden);     // d/d(pre-activations), x and h alike
            INDArray dh = at(grad, steps).dup();
            INDArray dc = at(grad, steps + 1).dup();
            for (long step = steps - 1; step >= 0; step--) {
                long t = index(step, steps, reverse);
                INDArray dhNext = dh.add(at(grad, t));
                INDArray dcNext = dc;
                INDArray carriedH = null;
                INDArray carriedC = null;
                if (mask != null) {
                    INDArray m = at(mask, t);
                    INDArray keep = m.rsub(1);
                    carriedH = dh.mulColumnVector(keep);
                    carriedC = dc.mulColumnVector(keep);
                    dhNext.muliColumnVector(m);
                    dcNext = dc.mulColumnVector(m);
                }
                INDArray stored = at(gates, t);
                INDArray i = gate(stored, 0, hidden);
                INDArray f = gate(stored, 1, hidden);
                INDArray gg = gate(stored, 2, hidden);
                INDArray o = gate(stored, 3, hidden);
                INDArray tc = at(cellTanh, t);
                // c' feeds h' = o·tanh(c') and the next cell.
                INDArray dcTotal = dhNext.mul(o).muli(tc.mul(tc).rsubi(1)).addi(dcNext);
                INDArray da = at(dGates, t);
                gate(da, 0, hidden).assign(dcTotal.mul(gg).muli(i.rsub(1).muli(i)));
                gate(da, 1, hidden).assign(dcTotal.mul(at(previousC, t)).muli(f.rsub(1).muli(f)));
                gate(da, 2, hidden).assign(dcTotal.mul(i).muli(gg.mul(gg).rsubi(1)));
                gate(da, 3, hidden).assign(dhNext.mul(tc).muli(o.rsub(1).muli(o)));
                INDArray dPrevH = Nd4j.matmul(da, w, false, false, false);       // [batch, hidden]
                INDArray dPrevC = dcTotal.mul(f);
                if (carriedH != null) {
                    dPrevH.addi(carriedH);
                    dPrevC.addi(carriedC);
                }
                dh = dPrevH;
                dc = dPrevC;
            }
            INDArray flatGates = dGates.reshape('c', steps * batch, 4 * hidden);
            INDArray dW = Nd4j.matmul(flatGates, previousH.reshape('c', steps * batch, hidden), true, false, false);
            return biasHh == null ? new INDArray[] {dGates, dh, dc, dW}
                    : new INDArray[] {dGates, dh, dc, dW, flatGates.sum(0)};
        }, parents);
    }
}
