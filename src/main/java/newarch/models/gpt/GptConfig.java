package newarch.models.gpt;

/**
 * The hyper-parameters of GPT-2, named as in Hugging Face's {@code GPT2Config} so that a model's config.json reads
 * straight across.
 *
 * @param vocabSize                 {@code vocab_size}: rows of the token table {@code wte}
 * @param nPositions                {@code n_positions}: rows of the position table {@code wpe}, the longest context
 * @param nEmbd                     {@code n_embd}: the width of the residual stream
 * @param nLayer                    {@code n_layer}: decoder blocks
 * @param nHead                     {@code n_head}: attention heads per block
 * @param nInner                    {@code n_inner}: width of the MLP's hidden layer (4·n_embd in GPT-2)
 * @param activationFunction        {@code activation_function}: GPT-2 uses "gelu_new", the tanh approximation
 * @param layerNormEpsilon          {@code layer_norm_epsilon}
 * @param residPdrop                {@code resid_pdrop}: dropout on each block's attention and MLP outputs
 * @param embdPdrop                 {@code embd_pdrop}: dropout on token + position embeddings
 * @param attnPdrop                 {@code attn_pdrop}: dropout on attention weights
 * @param scaleAttnWeights          {@code scale_attn_weights}: divide scores by √headDim
 * @param scaleAttnByInverseLayerIdx {@code scale_attn_by_inverse_layer_idx}: also divide layer i's scores by i + 1
 */
public record GptConfig(int vocabSize, int nPositions, int nEmbd, int nLayer, int nHead, int nInner,
                        String activationFunction, double layerNormEpsilon,
                        double residPdrop, double embdPdrop, double attnPdrop,
                        boolean scaleAttnWeights, boolean scaleAttnByInverseLayerIdx) {
    public GptConfig {
        if (vocabSize <= 0 || nPositions <= 0 || nEmbd <= 0 || nLayer < 0 || nInner <= 0) {
            throw new IllegalArgumentException("GPT-2 config: vocab_size " + vocabSize + ", n_positions " + nPositions
                    + ", n_embd " + nEmbd + ", n_inner " + nInner + " must be positive and n_layer " + nLayer
                    + " not negative");
        }
        if (nHead <= 0 || nEmbd % nHead != 0) {
            throw new IllegalArgumentException("GPT-2 config: n_embd " + nEmbd + " must be a multiple of n_head " + nHead);
        }
    }

    /**
     * The common case: n_inner = 4·n_embd, gelu_new, ε = 1e-5, no dropout, scores scaled by 1/√headDim.
     */
    public static GptConfig of(int vocabSize, int nPositions, int nEmbd, int nLayer, int nHead) {
        return new GptConfig(vocabSize, nPositions, nEmbd, nLayer, nHead, 4 * nEmbd, "gelu_new", 1e-5, 0, 0, 0,
                true, false);
    }

    /** GPT-2 small ("gpt2" on the Hugging Face hub): 768 wide, 12 layers, 12 heads, BPE vocabulary of 50,257. */
    public static GptConfig small() {
        return of(50257, 1024, 768, 12, 12).withDropout(0.1);
    }

    /** The same model with every dropout probability set to {@code p}. */
    public GptConfig withDropout(double p) {
        return new GptConfig(vocabSize, nPositions, nEmbd, nLayer, nHead, nInner, activationFunction,
                layerNormEpsilon, p, p, p, scaleAttnWeights, scaleAttnByInverseLayerIdx);
    }

    /**
     * The parameters {@link GptModel} would hold (LM head tied to wte), counted from the shapes without allocating
     * anything, so that GPT-2 XL or an 8-billion-parameter Megatron configuration can be counted on a laptop:
     * wte V·d + wpe P·d + per layer [ln_1 2d + c_attn d·3d + 3d + c_proj d·d + d + ln_2 2d + c_fc d·i + i
     * + c_proj i·d + d] + ln_f 2d.
     */
    public long parameterCount() {
        long d = nEmbd;
        long inner = nInner;
        long perLayer = 2 * d + (d * 3 * d + 3 * d) + (d * d + d) + 2 * d + (d * inner + inner) + (inner * d + d);
        return (long) vocabSize * d + (long) nPositions * d + nLayer * perLayer + 2 * d;
    }

    public int headDim() {
        return nEmbd / nHead;
    }
}
