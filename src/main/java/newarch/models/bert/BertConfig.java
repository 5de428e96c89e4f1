package newarch.models.bert;

/**
 * The hyper-parameters of BERT, named as in Hugging Face's {@code BertConfig} so that a model's config.json reads
 * straight across (Devlin et al. 2019).
 *
 * @param vocabSize                 {@code vocab_size}: rows of the WordPiece table
 * @param hiddenSize                {@code hidden_size}: the width H of every layer
 * @param numHiddenLayers           {@code num_hidden_layers}: encoder layers L
 * @param numAttentionHeads         {@code num_attention_heads}: heads A per layer; H must be a multiple of A
 * @param intermediateSize          {@code intermediate_size}: width of the feed-forward hidden layer (4H in BERT)
 * @param hiddenAct                 {@code hidden_act}: the feed-forward activation ("gelu", the exact erf form)
 * @param hiddenDropoutProb         {@code hidden_dropout_prob}: dropout on embeddings and sublayer outputs
 * @param attentionProbsDropoutProb {@code attention_probs_dropout_prob}: dropout on attention weights
 * @param maxPositionEmbeddings     {@code max_position_embeddings}: rows of the learned position table
 * @param typeVocabSize             {@code type_vocab_size}: segment (sentence A/B) embeddings
 * @param initializerRange          {@code initializer_range}: std of the N(0, σ²) initialisation
 * @param layerNormEps              {@code layer_norm_eps}
 */
public record BertConfig(int vocabSize, int hiddenSize, int numHiddenLayers, int numAttentionHeads,
                         int intermediateSize, String hiddenAct, double hiddenDropoutProb,
                         double attentionProbsDropoutProb, int maxPositionEmbeddings, int typeVocabSize,
                         double initializerRange, double layerNormEps) {
    public BertConfig {
        if (vocabSize <= 0 || hiddenSize <= 0 || intermediateSize <= 0 || maxPositionEmbeddings <= 0
                || typeVocabSize <= 0 || numHiddenLayers < 0) {
            throw new IllegalArgumentException("BERT config: vocab_size " + vocabSize + ", hidden_size " + hiddenSize
                    + ", intermediate_size " + intermediateSize + ", max_position_embeddings " + maxPositionEmbeddings
                    + ", type_vocab_size " + typeVocabSize + " must be positive and num_hidden_layers "
                    + numHiddenLayers + " not negative");
        }
        if (numAttentionHeads <= 0 || hiddenSize % numAttentionHeads != 0) {
            throw new IllegalArgumentException("BERT config: hidden_size " + hiddenSize
                    + " must be a multiple of num_attention_heads " + numAttentionHeads);
        }
        new HiddenActivation(hiddenAct, "hidden_act");
        requireProbability("hidden_dropout_prob", hiddenDropoutProb);
        requireProbability("attention_probs_dropout_prob", attentionProbsDropoutProb);
        if (!(layerNormEps > 0)) {
            throw new IllegalArgumentException("BERT config: layer_norm_eps is " + layerNormEps + " but must be positive");
        }
    }

    /** Hugging Face's defaults for everything but the sizes: gelu, dropout 0.1, 2 segment types, σ 0.02, ε 1e-12. */
    public static BertConfig of(int vocabSize, int hiddenSize, int numHiddenLayers, int numAttentionHeads,
                                int intermediateSize, int maxPositionEmbeddings) {
        return new BertConfig(vocabSize, hiddenSize, numHiddenLayers, numAttentionHeads, intermediateSize, "gelu",
                0.1, 0.1, maxPositionEmbeddings, 2, 0.02, 1e-12);
    }

    /** BERT-base ("bert-base-uncased"): H 768, L 12, A 12, 3072-wide feed-forward, 30,522 WordPieces. */
    public static BertConfig base() {
        return of(30522, 768, 12, 12, 3072, 512);
    }

    /** BERT-large: H 1024, L 24, A 16. */
    public static BertConfig large() {
        return of(30522, 1024, 24, 16, 4096, 512);
    }

    /** The same model with both dropout probabilities set to {@code p} (0 for deterministic tests). */
    public BertConfig withDropout(double p) {
        return new BertConfig(vocabSize, hiddenSize, numHiddenLayers, numAttentionHeads, intermediateSize, hiddenAct,
                p, p, maxPositionEmbeddings, typeVocabSize, initializerRange, layerNormEps);
    }

    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }

    static void requireProbability(String key, double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException(key + " is " + p + " but must be in [0, 1)");
        }
    }
}
