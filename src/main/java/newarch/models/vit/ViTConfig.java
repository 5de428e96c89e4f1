package newarch.models.vit;

/**
 * The hyper-parameters of the Vision Transformer (Dosovitskiy et al. 2021), named as in Hugging Face's
 * {@code ViTConfig}. An image of {@code imageSize}² pixels is cut into (imageSize/patchSize)² square patches, each
 * patch becomes one token.
 *
 * @param hiddenSize        {@code hidden_size}: the width D of every token
 * @param numHiddenLayers   {@code num_hidden_layers}: encoder layers
 * @param numAttentionHeads {@code num_attention_heads}
 * @param intermediateSize  {@code intermediate_size}: the MLP's hidden width
 * @param hiddenAct         {@code hidden_act}: the MLP's non-linearity (see {@link Activations})
 * @param layerNormEps      {@code layer_norm_eps}
 * @param imageSize         {@code image_size}: height = width of the input
 * @param patchSize         {@code patch_size}: side of a patch, which must divide the image size
 * @param numChannels       {@code num_channels}: 3 for RGB
 * @param qkvBias           {@code qkv_bias}: whether the query/key/value projections have biases
 * @param addPoolingLayer   ViTModel's {@code add_pooling_layer}: a dense+activation on the [CLS] token
 * @param poolerOutputSize  {@code pooler_output_size}: the pooler's width (hidden_size unless set)
 * @param poolerAct         {@code pooler_act}: the pooler's activation, tanh as in BERT
 */
public record ViTConfig(int hiddenSize, int numHiddenLayers, int numAttentionHeads, int intermediateSize,
                        String hiddenAct, double layerNormEps, int imageSize, int patchSize, int numChannels,
                        boolean qkvBias, boolean addPoolingLayer, int poolerOutputSize, String poolerAct) {
    public ViTConfig {
        if (hiddenSize <= 0 || numHiddenLayers < 0 || intermediateSize <= 0 || numChannels <= 0 || poolerOutputSize <= 0) {
            throw new IllegalArgumentException("ViT config: hidden_size " + hiddenSize + ", intermediate_size "
                    + intermediateSize + ", num_channels " + numChannels + ", pooler_output_size " + poolerOutputSize
                    + " must be positive and num_hidden_layers " + numHiddenLayers + " not negative");
        }
        if (numAttentionHeads <= 0 || hiddenSize % numAttentionHeads != 0) {
            throw new IllegalArgumentException("ViT config: hidden_size " + hiddenSize
                    + " must be a multiple of num_attention_heads " + numAttentionHeads);
        }
        if (patchSize <= 0 || imageSize <= 0 || imageSize % patchSize != 0) {
            throw new IllegalArgumentException("ViT config: image_size " + imageSize
                    + " must be a positive multiple of patch_size " + patchSize);
        }
        Activations.require("hidden_act", hiddenAct);
        Activations.require("pooler_act", poolerAct);
    }

    /** ViT-B/16 ({@code google/vit-base-patch16-224}): 224² images, 16² patches, 768 wide, 12 layers, 12 heads. */
    public static ViTConfig base() {
        return of(768, 12, 12, 3072, 224, 16, 3);
    }

    /** The usual choices (gelu, ε = 1e-12, q/k/v biases, a tanh pooler as wide as the model) with these sizes. */
    public static ViTConfig of(int hiddenSize, int numHiddenLayers, int numAttentionHeads, int intermediateSize,
                               int imageSize, int patchSize, int numChannels) {
        return new ViTConfig(hiddenSize, numHiddenLayers, numAttentionHeads, intermediateSize, "gelu", 1e-12,
                imageSize, patchSize, numChannels, true, true, hiddenSize, "tanh");
    }

    /** Patches per image, the tokens besides [CLS]. */
    public int numPatches() {
        int side = imageSize / patchSize;
        return side * side;
    }

    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }

    public ViTConfig withoutPooler() {
        return new ViTConfig(hiddenSize, numHiddenLayers, numAttentionHeads, intermediateSize, hiddenAct, layerNormEps,
                imageSize, patchSize, numChannels, qkvBias, false, poolerOutputSize, poolerAct);
    }
}
