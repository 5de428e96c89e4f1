package newarch.models.mixer;

import newarch.nn.LayerNorm;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/**
 * One Mixer layer (paper eq. 1), pre-norm with skip connections:
 * <pre>
 *   U = X + TokenMixing(LayerNorm(X))      mixes across patches
 *   Y = U + ChannelMixing(LayerNorm(U))    mixes across channels
 * </pre>
 * timm's names: {@code norm1}, {@code mlp_tokens}, {@code norm2}, {@code mlp_channels}.
 */
public class MixerBlock extends Module {
    private final LayerNorm norm1;
    private final TokenMixing mlpTokens;
    private final LayerNorm norm2;
    private final MixerMlp mlpChannels;

    public MixerBlock(MixerConfig c, Rng rng) {
        this.norm1 = child("norm1", new LayerNorm(c.hiddenSize(), c.layerNormEps()));
        this.mlpTokens = child("mlp_tokens", new TokenMixing(c.numPatches(), c.tokensMlpDim(), rng));
        this.norm2 = child("norm2", new LayerNorm(c.hiddenSize(), c.layerNormEps()));
        this.mlpChannels = child("mlp_channels", new MixerMlp(c.hiddenSize(), c.channelsMlpDim(), rng));
    }

    /** [B, S, C] → [B, S, C]. */
    public Tensor forward(Tensor x) {
        Tensor u = x.add(mlpTokens.forward(norm1.forward(x)));
        return u.add(mlpChannels.forward(norm2.forward(u)));
    }
}
