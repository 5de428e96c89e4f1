package newarch.nn;

import newarch.tensor.MatMul;
import static newarch.nn.TimeSteps.at;
import static newarch.nn.TimeSteps.gate;
import static newarch.nn.TimeSteps.gates;
import static newarch.nn.TimeSteps.index;

import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One direction of one GRU layer over a whole sequence, as a single op with a hand-written backward pass
 * (back-propagation through time). Per step, with gates in PyTorch's order r, z, n:
 * <pre>
 *   r = σ(W_ir x + b_ir + W_hr h + b_hr)
 *   z = σ(W_iz x + b_iz + W_hz h + b_hz)
 *   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
 *   h' = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 * The input terms W_i· x + b_i· arrive precomputed for all steps (one matrix product outside). Building each step
 * from autodiff ops instead would record ~15 graph nodes per step and, worse, every per-step slice of the input
 * projection would send back a gradient the size of the whole sequence.
 */
final class GruSweep {
    private GruSweep() {
    }

    /**
     * @param inputProjection W_ih x + b_ih for every step, [time, batch, 3·hidden]
     * @param h0              the initial hidden state [batch, hidden]
     * @param weightHh        W_hh [3·hidden, hidden]
     * @param biasHh          b_hh [3·hidden], or null
     * @param mask            [time, batch, hidden], 1 at real steps and 0 at padding (the state is carried through and
     *                        the output is 0), or null when every sequence fills the whole length
     * @param reverse         run from the last step to the first (the backward direction)
     * @return [time + 1, batch, hidden]: the output at every step, then the final hidden state
     */
    static Tensor run(Tensor inputProjection, Tensor h0, Tensor weightHh, Tensor biasHh, INDArray mask,
                      boolean reverse) {
        INDArray x = inputProjection.data();
        INDArray w = weightHh.data();
        int steps = Math.toIntExact(x.size(0));
        long batch = x.size(1);
        long hidden = w.size(1);
        INDArray b = TimeSteps.perRow(biasHh == null ? null : biasHh.data(), batch);   // [batch, 3·hidden]
        // What the backward pass needs from every step, indexed by time.
        INDArray[] resetUpdate = new INDArray[steps];   // [r, z]
        INDArray[] candidate = new INDArray[steps];     // n
        INDArray[] hiddenTerm = new INDArray[steps];    // W_hn h + b_hn, which r scales
        INDArray[] previous = new INDArray[steps];      // h_{t−1}
        INDArray[] outputs = new INDArray[steps];
        INDArray h = h0.data();
        for (int step = 0; step < steps; step++) {
            int t = (int) index(step, steps, reverse);
            INDArray gx = at(x, t);                                                    // [batch, 3·hidden]
            INDArray gh = MatMul.product(h, w, false, true);                       // [batch, 3·hidden]
            if (b != null) {
                gh.addi(b);
            }
            INDArray rz = Transforms.sigmoid(gates(gx, 0, 2, hidden).add(gates(gh, 0, 2, hidden)), false);
            INDArray hn = gate(gh, 2, hidden);
            INDArray n = Transforms.tanh(gate(rz, 0, hidden).mul(hn).addi(gate(gx, 2, hidden)), false);
            INDArray next = h.sub(n).muli(gate(rz, 1, hidden)).addi(n);              // (1 − z)·n + z·h
            resetUpdate[t] = rz;
            candidate[t] = n;
            hiddenTerm[t] = hn;
            previous[t] = h;
            if (mask == null) {
                h = next;
                outputs[t] = next;
            } else {
                INDArray m = at(mask, t);
                h = next.subi(h).muli(m).addi(h);                                      // padding keeps the old state
                outputs[t] = h.mul(m);                                                 // and outputs 0
            }
        }
        INDArray packed = TimeSteps.stack(outputs, h);
        Tensor[] parents = biasHh == null ? new Tensor[] {inputProjection, h0, weightHh}
                : new Tensor[] {inputProjection, h0, weightHh, biasHh};
        return Tensor.fromOp("gru", packed, g -> {
            INDArray[] dGatesX = new INDArray[steps];                                  // d/d(W_i· x + b_i·)
            INDArray[] dGatesH = new INDArray[steps];                                  // d/d(W_h· h + b_h·)
            INDArray keep = mask == null ? null : mask.rsub(1);
            INDArray dh = at(g, steps).dup();                                          // into the final state
            for (int step = steps - 1; step >= 0; step--) {
                int t = (int) index(step, steps, reverse);
                INDArray dNext = dh.add(at(g, t));                                     // into h' via output and state
                INDArray carried = null;
                if (mask != null) {
                    carried = dh.mul(at(keep, t));                                     // padding passed h straight on
                    dNext.muli(at(mask, t));
                }
                INDArray rz = resetUpdate[t];
                INDArray r = gate(rz, 0, hidden);
                INDArray z = gate(rz, 1, hidden);
                INDArray n = candidate[t];
                INDArray dPrev = dNext.mul(z);                                         // h' = … + z·h
                INDArray daN = z.rsub(1).muli(dNext).muli(n.mul(n).rsubi(1));         // through (1 − z)·tanh
                INDArray dRz = Nd4j.hstack(daN.mul(hiddenTerm[t]), previous[t].sub(n).muli(dNext));
                dRz.muli(rz.rsub(1).muli(rz));                                         // through both σ at once
                dGatesX[t] = Nd4j.hstack(dRz, daN);
                dGatesH[t] = Nd4j.hstack(dRz, daN.mul(r));                             // r scales the hidden term only
                dPrev.addi(MatMul.product(dGatesH[t], w, false, false));          // [batch, hidden]
                if (carried != null) {
                    dPrev.addi(carried);
                }
                dh = dPrev;
            }
            // Weight gradients summed over all steps at once: one [3H, steps·batch] × [steps·batch, H] product.
            INDArray flatGates = TimeSteps.rows(dGatesH);
            INDArray dW = MatMul.product(flatGates, TimeSteps.rows(previous), true, false);
            INDArray dX = TimeSteps.stack(dGatesX);
            return biasHh == null ? new INDArray[] {dX, dh, dW} : new INDArray[] {dX, dh, dW, flatGates.sum(0)};
        }, parents);
    }
}
