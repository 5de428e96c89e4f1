package newarch.nn;

import newarch.tensor.MatMul;
import static newarch.nn.TimeSteps.at;
import static newarch.nn.TimeSteps.gate;
import static newarch.nn.TimeSteps.index;

import newarch.tensor.Tensor;
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
     * @param mask            [time, batch, hidden], 1 at real steps, 0 at padding (state carried through, output 0),
     *                        or null
     * @param reverse         run from the last step to the first
     * @return [time + 2, batch, hidden]: the output at every step, then the final hidden state, then the final cell
     */
    static Tensor run(Tensor inputProjection, Tensor h0, Tensor c0, Tensor weightHh, Tensor biasHh, INDArray mask,
                      boolean reverse) {
        INDArray x = inputProjection.data();
        INDArray w = weightHh.data();
        int steps = Math.toIntExact(x.size(0));
        long batch = x.size(1);
        long hidden = w.size(1);
        INDArray b = TimeSteps.perRow(biasHh == null ? null : biasHh.data(), batch);   // [batch, 4·hidden]
        INDArray[] sigmoids = new INDArray[steps];      // σ of all four pre-activations; the i, f, o parts are used
        INDArray[] candidate = new INDArray[steps];     // g
        INDArray[] cellTanh = new INDArray[steps];      // tanh(c')
        INDArray[] previousH = new INDArray[steps];
        INDArray[] previousC = new INDArray[steps];
        INDArray[] outputs = new INDArray[steps];
        INDArray h = h0.data();
        INDArray c = c0.data();
        for (int step = 0; step < steps; step++) {
            int t = (int) index(step, steps, reverse);
            INDArray a = MatMul.product(h, w, false, true).addi(at(x, t));        // [batch, 4·hidden]
            if (b != null) {
                a.addi(b);
            }
            INDArray s = Transforms.sigmoid(a, true);
            INDArray g = Transforms.tanh(gate(a, 2, hidden), true);
            INDArray cNext = gate(s, 1, hidden).mul(c).addi(gate(s, 0, hidden).mul(g));   // f·c + i·g
            INDArray tc = Transforms.tanh(cNext, true);
            INDArray hNext = gate(s, 3, hidden).mul(tc);                                 // o·tanh(c')
            sigmoids[t] = s;
            candidate[t] = g;
            cellTanh[t] = tc;
            previousH[t] = h;
            previousC[t] = c;
            if (mask == null) {
                h = hNext;
                c = cNext;
                outputs[t] = hNext;
            } else {
                INDArray m = at(mask, t);
                h = hNext.subi(h).muli(m).addi(h);                                       // padding keeps the state
                c = cNext.subi(c).muli(m).addi(c);
                outputs[t] = h.mul(m);                                                   // and outputs 0
            }
        }
        INDArray packed = TimeSteps.stack(outputs, h, c);
        Tensor[] parents = biasHh == null ? new Tensor[] {inputProjection, h0, c0, weightHh}
                : new Tensor[] {inputProjection, h0, c0, weightHh, biasHh};
        return Tensor.fromOp("lstm", packed, grad -> {
            INDArray[] dGates = new INDArray[steps];     // d/d(pre-activations), the same for the x and h terms
            INDArray keep = mask == null ? null : mask.rsub(1);
            INDArray dh = at(grad, steps).dup();
            INDArray dc = at(grad, steps + 1).dup();
            for (int step = steps - 1; step >= 0; step--) {
                int t = (int) index(step, steps, reverse);
                INDArray dhNext = dh.add(at(grad, t));
                INDArray dcNext = dc;
                INDArray carriedH = null;
                INDArray carriedC = null;
                if (mask != null) {
                    INDArray m = at(mask, t);
                    INDArray k = at(keep, t);
                    carriedH = dh.mul(k);
                    carriedC = dc.mul(k);
                    dhNext.muli(m);
                    dcNext = dc.mul(m);
                }
                INDArray s = sigmoids[t];
                INDArray i = gate(s, 0, hidden);
                INDArray f = gate(s, 1, hidden);
                INDArray o = gate(s, 3, hidden);
                INDArray g = candidate[t];
                INDArray tc = cellTanh[t];
                // c' feeds h' = o·tanh(c') and the next step's cell.
                INDArray dcTotal = tc.mul(tc).rsubi(1).muli(o).muli(dhNext).addi(dcNext);
                INDArray dPre = Nd4j.hstack(dcTotal.mul(g), dcTotal.mul(previousC[t]), dcTotal.mul(i),
                        dhNext.mul(tc));                                                 // d/d of i, f, g, o
                INDArray slope = s.rsub(1).muli(s);                                      // σ' for i, f, o ...
                gate(slope, 2, hidden).assign(g.mul(g).rsubi(1));                         // ... tanh' for g
                dGates[t] = dPre.muli(slope);
                INDArray dPrevH = MatMul.product(dGates[t], w, false, false);        // [batch, hidden]
                INDArray dPrevC = dcTotal.muli(f);
                if (carriedH != null) {
                    dPrevH.addi(carriedH);
                    dPrevC.addi(carriedC);
                }
                dh = dPrevH;
                dc = dPrevC;
            }
            INDArray flatGates = TimeSteps.rows(dGates);
            INDArray dW = MatMul.product(flatGates, TimeSteps.rows(previousH), true, false);
            INDArray dX = TimeSteps.stack(dGates);
            return biasHh == null ? new INDArray[] {dX, dh, dc, dW} : new INDArray[] {dX, dh, dc, dW, flatGates.sum(0)};
        }, parents);
    }
}
