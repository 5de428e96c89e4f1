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
     * @param mask            [time, batch, 1], 1 at real steps and 0 at padding (the state is carried through and the
     *                        output is 0), or null when every sequence fills the whole length
     * @param reverse         run from the last step to the first (the backward direction)
     * @return [time + 1, batch, hidden]: the output at every step, then the final hidden state
     */
    static Tensor run(Tensor inputProjection, Tensor h0, Tensor weightHh, Tensor biasHh, INDArray mask,
                      boolean reverse) {
        INDArray x = inputProjection.data();
        INDArray w = weightHh.data();
        INDArray b = biasHh == null ? null : biasHh.data();
        DataType type = x.dataType();
        long steps = x.size(0);
        long batch = x.size(1);
        long hidden = w.size(1);
        // What the backward pass needs from every step, time-major.
        INDArray reset = Nd4j.create(type, steps, batch, hidden);
        INDArray update = Nd4j.create(type, steps, batch, hidden);
        INDArray candidate = Nd4j.create(type, steps, batch, hidden);
        INDArray hiddenNew = Nd4j.create(type, steps, batch, hidden);   // W_hn h + b_hn, which r scales
        INDArray previous = Nd4j.create(type, steps, batch, hidden);    // h_{t−1}
        INDArray packed = Nd4j.zeros(type, steps + 1, batch, hidden);
        INDArray h = h0.data();
        for (long step = 0; step < steps; step++) {
            long t = index(step, steps, reverse);
            INDArray gx = at(x, t);                                              // [batch, 3·hidden]
            INDArray gh = Nd4j.matmul(h, w, false, true, false);                 // [batch, 3·hidden]
            if (b != null) {
                gh.addiRowVector(b);
            }
            INDArray r = Transforms.sigmoid(gate(gx, 0, hidden).add(gate(gh, 0, hidden)), false);
            INDArray z = Transforms.sigmoid(gate(gx, 1, hidden).add(gate(gh, 1, hidden)), false);
            INDArray hn = gate(gh, 2, hidden);
            INDArray n = Transforms.tanh(gate(gx, 2, hidden).add(r.mul(hn)), false);
            INDArray next = h.sub(n).muli(z).addi(n);                           // (1 − z)·n + z·h
            at(reset, t).assign(r);
            at(update, t).assign(z);
            at(candidate, t).assign(n);
            at(hiddenNew, t).assign(hn);
            at(previous, t).assign(h);
            if (mask == null) {
                at(packed, t).assign(next);
                h = next;
            } else {
                INDArray m = at(mask, t);                                        // [batch, 1]
                at(packed, t).assign(next.mulColumnVector(m));
                h = next.subi(h).muliColumnVector(m).addi(h);                   // padding keeps the old state
            }
        }
        at(packed, steps).assign(h);
        Tensor[] parents = biasHh == null ? new Tensor[] {inputProjection, h0, weightHh}
                : new Tensor[] {inputProjection, h0, weightHh, biasHh};
        return Tensor.fromOp("gru", packed, g -> {
            INDArray dGatesX = Nd4j.zeros(type, steps, batch, 3 * hidden);     // d/d(W_i· x + b_i·)
            INDArray dGatesH = Nd4j.zeros(type, steps, batch, 3 * hidden);     // d/d(W_h· h + b_h·)
            INDArray dh = at(g, steps).dup();                                    // into the final state
            for (long step = steps - 1; step >= 0; step--) {
                long t = index(step, steps, reverse);
                INDArray dNext = dh.add(at(g, t));                               // into h' via output and state
                INDArray carried = null;
                if (mask != null) {
                    INDArray m = at(mask, t);
                    carried = dh.mulColumnVector(m.rsub(1));                     // padding passed h straight on
                    dNext.muliColumnVector(m);
                }
                INDArray r = at(reset, t);
                INDArray z = at(update, t);
                INDArray n = at(candidate, t);
                INDArray hp = at(previous, t);
                INDArray dPrev = dNext.mul(z);                                   // h' = … + z·h
                INDArray daN = dNext.mul(z.rsub(1)).muli(n.mul(n).rsubi(1));    // through tanh
                INDArray daZ = dNext.mul(hp.sub(n)).muli(z.rsub(1).muli(z));    // through σ
                INDArray daR = daN.mul(at(hiddenNew, t)).muli(r.rsub(1).muli(r));
                INDArray gx = at(dGatesX, t);
                INDArray gh = at(dGatesH, t);
                gate(gx, 0, hidden).assign(daR);
                gate(gx, 1, hidden).assign(daZ);
                gate(gx, 2, hidden).assign(daN);
                gate(gh, 0, hidden).assign(daR);
                gate(gh, 1, hidden).assign(daZ);
                gate(gh, 2, hidden).assign(daN.mul(r));                         // r scales the hidden term only
                dPrev.addi(Nd4j.matmul(gh, w, false, false, false));            // [batch, hidden]
                if (carried != null) {
                    dPrev.addi(carried);
                }
                dh = dPrev;
            }
            // Weight gradients summed over all steps at once: one [3H, steps·batch] × [steps·batch, H] product.
            INDArray flatGates = dGatesH.reshape('c', steps * batch, 3 * hidden);
            INDArray dW = Nd4j.matmul(flatGates, previous.reshape('c', steps * batch, hidden), true, false, false);
            INDArray dB = biasHh == null ? null : flatGates.sum(0);
            return biasHh == null ? new INDArray[] {dGatesX, dh, dW} : new INDArray[] {dGatesX, dh, dW, dB};
        }, parents);
    }
}
