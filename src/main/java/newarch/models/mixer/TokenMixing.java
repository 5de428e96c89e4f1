package newarch.models.mixer;

import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import newarch.tensor.Rng;

/**
 * Token mixing ({@code mlp_tokens}): the same MLP as channel mixing, but across the S patches instead of across the C
 * channels. The table [B, S, C] is transposed to [B, C, S] so that each channel's column of S values is one input
 * vector, mixed by an MLP [S → D_S → S] shared by all channels, and transposed back. This is where patches talk to
 * each other — the job self-attention does in ViT, here with weights that do not depend on the input.
 */
public class TokenMixing extends MixerMlp {
    private final int numPatches;

    public TokenMixing(int numPatches, int tokensMlpDim, Rng rng) {
        super(numPatches, tokensMlpDim, rng);
        this.numPatches = numPatches;
    }

    /** [B, S, C] → [B, S, C]. */
    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 3 || x.size(1) != numPatches) {
            throw new ShapeException("token mixing: input is " + Shapes.show(x.data()) + " but must be [batch, "
                    + numPatches + " patches, channels]");
        }
        Tensor columns = x.transpose(1, 2);        // [B, C, S]: one row of S patch values per channel
        return super.forward(columns).transpose(1, 2); // mixed across S, back to [B, S, C]
    }
}
