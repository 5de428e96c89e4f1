package newarch.models.albert;

import newarch.models.bert.HiddenActivation;

/**
 * The hyper-parameters of ALBERT (Lan et al. 2020), named as in Hugging Face's {@code AlbertConfig}. ALBERT's two
 * parameter savings are both here: the factorised embedding (tokens live in a small width E, projected to H) and
 * cross-layer sharing (num_hidden_layers layers run over only num_hidden_groups distinct groups of weights).
 *
 * @param vocabSize                 {@code vocab_size} (30,000 SentencePieces)
 * @param embeddingSize             {@code embedding_size}: E, the width of the token/position/segment tables
 * @param hiddenSize                {@code hidden_size}: H, the width of every layer
 * @param numHiddenLayers           {@code num_hidden_layers}: how many layers run
 * @param numHiddenGroups           {@code num_hidden_groups}: how many distinct groups of weights they share
 * @param numAttentionHeads         {@code num_attention_heads}
 * @param intermediateSize          {@code intermediate_size}: feed-forward hidden width
 * @param innerGroupNum             {@code inner_group_num}: distinct layers inside each group, run in turn
 * @param hiddenAct                 {@code hidden_act} ("gelu_new")
 * @param hiddenDropoutProb         {@code hidden_dropout_prob}
 * @param attentionProbsDropoutProb {@code attention_probs_dropout_prob}
 * @param maxPositionEmbeddings     {@code max_position_embeddings}
 * @param typeVocabSize             {@code type_vocab_size}
 * @param initializerRange          {@code initializer_range}
 * @param layerNormEps              {@code layer_norm_eps}
 */
public record AlbertConfig(int vocabSize, int embeddingSize, int hiddenSize, int numHiddenLayers,
                           int numHiddenGroups, int numAttentionHeads, int intermediateSize, int innerGroupNum,
                           String hiddenAct, double hiddenDropoutProb, double attentionProbsDropoutProb,
                           int maxPositionEmbeddings, int typeVocabSize, double initializerRange,
                           double layerNormEps) {
    public AlbertConfig {
        if (vocabSize <= 0 || embeddingSize <= 0 || hiddenSize <= 0 || intermediateSize <= 0
                || maxPositionEmbeddings <= 0 || typeVocabSize <= 0 || numHiddenLayers < 0) {
            throw new IllegalArgumentException("ALBERT config: vocab_size " + vocabSize + ", embedding_size "
                    + embeddingSize + ", hidden_size " + hiddenSize + ", intermediate_size " + intermediateSize
                    + ", max_position_embeddings " + maxPositionEmbeddings + ", type_vocab_size " + typeVocabSize
                    + " must be positive and num_hidden_layers " + numHiddenLayers + " not negative");
        }
        if (numHiddenGroups <= 0 || innerGroupNum <= 0) {
            throw new IllegalArgumentException("ALBERT config: num_hidden_groups " + numHiddenGroups
                    + " and inner_group_num " + innerGroupNum + " must be positive");
        }
        if (numAttentionHeads <= 0 || hiddenSize % numAttentionHeads != 0) {
            throw new IllegalArgumentException("ALBERT config: hidden_size " + hiddenSize
                    + " must be a multiple of num_attention_heads " + numAttentionHeads);
        }
        new HiddenActivation(hiddenAct, "hidden_act");
        if (!(hiddenDropoutProb >= 0 && hiddenDropoutProb < 1 && attentionProbsDropoutProb >= 0
                && attentionProbsDropoutProb < 1)) {
            throw new IllegalArgumentException("ALBERT config: hidden_dropout_prob " + hiddenDropoutProb
                    + " and attention_probs_dropout_prob " + attentionProbsDropoutProb + " must be in [0, 1)");
        }
        if (!(layerNormEps > 0)) {
            throw new IllegalArgumentException("ALBERT config: layer_norm_eps is " + layerNormEps
                    + " but must be positive");
        }
    }

    /** Hugging Face's defaults but the sizes: one group of one layer, gelu_new, no dropout, σ 0.02, ε 1e-12. */
    public static AlbertConfig of(int vocabSize, int embeddingSize, int hiddenSize, int numHiddenLayers,
                                  int numAttentionHeads, int intermediateSize, int maxPositionEmbeddings) {
        return new AlbertConfig(vocabSize, embeddingSize, hiddenSize, numHiddenLayers, 1, numAttentionHeads,
                intermediateSize, 1, "gelu_new", 0, 0, maxPositionEmbeddings, 2, 0.02, 1e-12);
    }

    /** ALBERT-base ("albert-base-v2"): E 128, H 768, 12 layers sharing one, 12 heads. */
    public static AlbertConfig base() {
        return of(30000, 128, 768, 12, 12, 3072, 512);
    }

    /** ALBERT-large: H 1024, 24 layers, 16 heads. */
    public static AlbertConfig large() {
        return of(30000, 128, 1024, 24, 16, 4096, 512);
    }

    /** ALBERT-xlarge: H 2048, 24 layers, 16 heads. */
    public static AlbertConfig xlarge() {
        return of(30000, 128, 2048, 24, 16, 8192, 512);
    }

    /** ALBERT-xxlarge: H 4096, 12 layers, 64 heads, a 16,384-wide feed-forward. */
    public static AlbertConfig xxlarge() {
        return of(30000, 128, 4096, 12, 64, 16384, 512);
    }

    /**
     * The group whose weights layer {@code i} runs, computed as Hugging Face does, ⌊i / (layers / groups)⌋ in floating
     * point, so that layer counts that are not a multiple of the group count split the same way.
     */
    public int groupOf(int layer) {
        return (int) (layer / ((double) numHiddenLayers / numHiddenGroups));
    }
}
