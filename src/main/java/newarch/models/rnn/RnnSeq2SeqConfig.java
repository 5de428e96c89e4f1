package newarch.models.rnn;

/**
 * The hyper-parameters of {@link RnnSeq2Seq}.
 *
 * @param sourceVocab            source vocabulary size (reserved ids of {@link newarch.data.Vocabulary} included)
 * @param targetVocab            target vocabulary size
 * @param embeddingDim           width of the token embeddings
 * @param hidden                 GRU hidden size (per direction); also the width of the attention's scoring layer
 * @param layers                 GRU layers in the encoder and in the decoder
 * @param bidirectionalEncoder   read the source in both directions (Bahdanau et al.'s encoder)
 * @param attention              additive attention over the encoder states; without it the decoder sees the source only
 *                               through the encoder's final state (the fixed-size bottleneck of Sutskever et al.)
 * @param dropout                on embeddings, between GRU layers and before the output layer, in training only
 */
public record RnnSeq2SeqConfig(int sourceVocab, int targetVocab, int embeddingDim, int hidden, int layers,
                               boolean bidirectionalEncoder, boolean attention, double dropout) {
    public RnnSeq2SeqConfig {
        if (sourceVocab <= 0 || targetVocab <= 0 || embeddingDim <= 0 || hidden <= 0 || layers <= 0) {
            throw new IllegalArgumentException("vocabulary sizes " + sourceVocab + "/" + targetVocab + ", embeddingDim "
                    + embeddingDim + ", hidden " + hidden + " and layers " + layers + " must all be positive");
        }
        if (dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException("dropout is " + dropout + " but must be in [0, 1)");
        }
    }

    /** Width of one encoder state: hidden, or 2·hidden when the encoder is bidirectional. */
    public int encoderWidth() {
        return bidirectionalEncoder ? 2 * hidden : hidden;
    }
}
