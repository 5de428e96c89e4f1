package newarch.models.distilbert;

import newarch.models.bert.BertConfig;
import newarch.models.bert.HiddenActivation;

/**
 * The hyper-parameters of DistilBERT (Sanh et al. 2019), named as in Hugging Face's {@code DistilBertConfig}. The
 * student keeps BERT's width and halves its depth; it drops the segment embeddings and the pooler.
 *
 * @param vocabSize             {@code vocab_size}
 * @param maxPositionEmbeddings {@code max_position_embeddings}
 * @param sinusoidalPosEmbds    {@code sinusoidal_pos_embds}: fixed sinusoidal positions instead of a learned table
 * @param nLayers               {@code n_layers}
 * @param nHeads                {@code n_heads}
 * @param dim                   {@code dim}: the width of every layer
 * @param hiddenDim             {@code hidden_dim}: feed-forward hidden width
 * @param dropout               {@code dropout}: on embeddings and sublayer outputs
 * @param attentionDropout      {@code attention_dropout}
 * @param activation            {@code activation}: "gelu" or another Hugging Face activation name
 * @param initializerRange      {@code initializer_range}
 */
public record DistilBertConfig(int vocabSize, int maxPositionEmbeddings, boolean sinusoidalPosEmbds, int nLayers,
                               int nHeads, int dim, int hiddenDim, double dropout, double attentionDropout,
                               String activation, double initializerRange) {
    /** DistilBERT's LayerNorms all use ε = 1e-12; it is not a config key. */
    public static final double LAYER_NORM_EPS = 1e-12;

    public DistilBertConfig {
        if (vocabSize <= 0 || maxPositionEmbeddings <= 0 || dim <= 0 || hiddenDim <= 0 || nLayers < 0) {
            throw new IllegalArgumentException("DistilBERT config: vocab_size " + vocabSize
                    + ", max_position_embeddings " + maxPositionEmbeddings + ", dim " + dim + ", hidden_dim "
                    + hiddenDim + " must be positive and n_layers " + nLayers + " not negative");
        }
        if (nHeads <= 0 || dim % nHeads != 0) {
            throw new IllegalArgumentException("DistilBERT config: dim " + dim + " must be a multiple of n_heads "
                    + nHeads);
        }
        new HiddenActivation(activation, "activation");
        if (!(dropout >= 0 && dropout < 1 && attentionDropout >= 0 && attentionDropout < 1)) {
            throw new IllegalArgumentException("DistilBERT config: dropout " + dropout + " and attention_dropout "
                    + attentionDropout + " must be in [0, 1)");
        }
    }

    /** Hugging Face's defaults but the sizes: learned positions, gelu, dropout 0.1, σ 0.02. */
    public static DistilBertConfig of(int vocabSize, int maxPositionEmbeddings, int nLayers, int nHeads, int dim,
                                      int hiddenDim) {
        return new DistilBertConfig(vocabSize, maxPositionEmbeddings, false, nLayers, nHeads, dim, hiddenDim, 0.1, 0.1,
                "gelu", 0.02);
    }

    /** DistilBERT-base ("distilbert-base-uncased"): 6 layers of BERT-base's width. */
    public static DistilBertConfig base() {
        return of(30522, 512, 6, 12, 768, 3072);
    }

    /** The student of a BERT teacher: the teacher's sizes and activation, half its layers (rounded up). */
    public static DistilBertConfig studentOf(BertConfig teacher) {
        return new DistilBertConfig(teacher.vocabSize(), teacher.maxPositionEmbeddings(), false,
                (teacher.numHiddenLayers() + 1) / 2, teacher.numAttentionHeads(), teacher.hiddenSize(),
                teacher.intermediateSize(), teacher.hiddenDropoutProb(), teacher.attentionProbsDropoutProb(),
                teacher.hiddenAct(), teacher.initializerRange());
    }

    public DistilBertConfig withSinusoidalPositions(boolean on) {
        return new DistilBertConfig(vocabSize, maxPositionEmbeddings, on, nLayers, nHeads, dim, hiddenDim, dropout,
                attentionDropout, activation, initializerRange);
    }

    public DistilBertConfig withDropout(double p) {
        return new DistilBertConfig(vocabSize, maxPositionEmbeddings, sinusoidalPosEmbds, nLayers, nHeads, dim,
                hiddenDim, p, p, activation, initializerRange);
    }
}
