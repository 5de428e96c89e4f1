package newarch.models.shuffle;

import newarch.nn.Linear;
import newarch.tensor.Reshaping;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/**
 * The switch unit of the Neural Shuffle-Exchange network (Freivalds, Ozoliņš & Šostaks 2019, §3), a GRU-like gate
 * between "route the inputs" and "compute something new". For a pair s = [s₁, s₂] (2m values):
 * <pre>
 *   r¹ = σ(W¹_r s + B¹_r)              r² = σ(W²_r s + B²_r)              two reset gates, 2m each
 *   c¹ = tanh(W¹_c (r¹ ⊙ s) + B¹_c)   c² = tanh(W²_c (r² ⊙ s) + B²_c)   candidates for output 1 and 2, m each
 *   u  = σ(W_u s + B_u)                                                  update gate, 2m
 *   s̃  = swapHalf(s₁, s₂)                                               [s₂ᵃ, s₁ᵇ, s₁ᵃ, s₂ᵇ]: the first halves swapped
 *   [s₁ᵒ, s₂ᵒ] = u ⊙ s̃ + (1 − u) ⊙ [c¹, c²]
 * </pre>
 * The swap lets a unit pass half of each input straight to the other side — the "exchange" of a Beneš switch — so
 * a gate near 1 turns the network into a fixed routing of values, and the other half stays in place. Reset and update
 * gates start with bias 0.5, as in the authors' code, so the unit starts out leaning towards routing.
 */
public final class GatedSwitchUnit extends SwitchUnit {
    private static final double GATE_BIAS = 0.5;

    private final Linear reset1;
    private final Linear reset2;
    private final Linear candidate1;
    private final Linear candidate2;
    private final Linear update;

    public GatedSwitchUnit(int m, Rng rng) {
        super(m);
        if (m % 2 != 0) {
            throw new IllegalArgumentException("gated switch unit: m is " + m
                    + " but must be even (swapHalf exchanges half of each input's " + m + " features)");
        }
        long pair = 2L * m;
        reset1 = child("reset1", new Linear(pair, pair, true, rng));
        reset2 = child("reset2", new Linear(pair, pair, true, rng));
        candidate1 = child("candidate1", new Linear(pair, m, true, rng));
        candidate2 = child("candidate2", new Linear(pair, m, true, rng));
        update = child("update", new Linear(pair, pair, true, rng));
        for (Linear gate : new Linear[] {reset1, reset2, update}) {
            gate.bias().setData(gate.bias().data().dup().assign(GATE_BIAS));
        }
    }

    @Override
    protected Tensor exchange(Tensor s) {                              // [batch, n/2, 2m]
        Tensor r1 = reset1.forward(s).sigmoid();
        Tensor r2 = reset2.forward(s).sigmoid();
        Tensor c1 = candidate1.forward(r1.mul(s)).tanh();             // [batch, n/2, m]
        Tensor c2 = candidate2.forward(r2.mul(s)).tanh();
        Tensor candidate = Reshaping.concat(2, c1, c2);               // [batch, n/2, 2m]
        Tensor u = update.forward(s).sigmoid();
        Tensor routed = u.mul(swapHalf(s));
        return routed.add(u.neg().add(1).mul(candidate));
    }

    /** [s₁ᵃ, s₁ᵇ, s₂ᵃ, s₂ᵇ] → [s₂ᵃ, s₁ᵇ, s₁ᵃ, s₂ᵇ]: the first m/2 features of the two inputs change places. */
    static Tensor swapHalf(Tensor s) {
        long q = s.size(2) / 4;
        Tensor[] parts = Reshaping.split(s, 2, q, q, q, q);
        return Reshaping.concat(2, parts[2], parts[1], parts[0], parts[3]);
    }
}
