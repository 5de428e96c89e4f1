package newarch.models.shuffle;

import newarch.nn.LayerNorm;
import newarch.nn.Linear;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/**
 * The Residual Switch Unit of the Residual Shuffle-Exchange network (Draguns et al. 2020, §3): the gates of
 * {@link GatedSwitchUnit} replaced by a residual feed-forward block. For a pair i = [i₁, i₂] (2m values):
 * <pre>
 *   g = LayerNorm(Z i)                 Z: 2m → 4m, no bias
 *   c = W GELU(g) + B                  W: 4m → 2m
 *   [o₁, o₂] = σ(s) ⊙ i + h ⊙ c
 * </pre>
 * s is a learned vector of 2m residual weights, initialised so that σ(s) = r = 0.9, and h = 0.25·√(1 − r²) a
 * constant: with unit-variance c the output keeps roughly the input's scale, so a stack of 2·blocks·log n units
 * neither explodes nor vanishes. The authors' code normalises by a bias-only variant of layer normalisation; here it
 * is the standard LayerNorm with its gain and bias.
 */
public final class ResidualSwitchUnit extends SwitchUnit {
    /** r: the initial weight σ(s) of the residual path. */
    public static final double RESIDUAL_WEIGHT = 0.9;
    /** h = 0.25·√(1 − r²): the constant scale of the candidate path. */
    public static final double CANDIDATE_SCALE = 0.25 * Math.sqrt(1 - RESIDUAL_WEIGHT * RESIDUAL_WEIGHT);

    private final Linear expand;
    private final LayerNorm norm;
    private final Linear project;
    private final Tensor residual;

    public ResidualSwitchUnit(int m, Rng rng) {
        super(m);
        long pair = 2L * m;
        expand = child("expand", new Linear(pair, 4L * m, false, rng));
        norm = child("norm", new LayerNorm(4L * m, 1e-5));
        project = child("project", new Linear(4L * m, pair, true, rng));
        double logit = Math.log(RESIDUAL_WEIGHT / (1 - RESIDUAL_WEIGHT));
        residual = parameter("residual", project.bias().data().dup().assign(logit)); // s, [2m]
    }

    @Override
    protected Tensor exchange(Tensor i) {                                   // [batch, n/2, 2m]
        Tensor g = norm.forward(expand.forward(i));                         // [batch, n/2, 4m]
        Tensor c = project.forward(g.gelu());                               // [batch, n/2, 2m]
        return i.mul(residual.sigmoid()).add(c.mul(CANDIDATE_SCALE));
    }

    /** σ(s), the learned weights of the residual path (2m). */
    public Tensor residualWeights() {
        return residual.sigmoid();
    }
}
