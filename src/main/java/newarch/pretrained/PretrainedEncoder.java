package newarch.pretrained;

import java.util.ArrayList;
import java.util.List;
import newarch.data.wordpiece.BertTokenizer;
import newarch.models.bert.EncoderOutput;
import newarch.nn.Module;
import newarch.tensor.GradMode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A loaded pre-trained encoder (BERT, ALBERT or DistilBERT) with its tokenizer: what {@link HuggingFaceDirectory}
 * returns. {@link #encode(List)} goes from raw texts to contextual vectors in one call, as a notebook wants it.
 */
public final class PretrainedEncoder {
    /** The model's forward pass: input_ids, attention_mask, token_type_ids (DistilBERT ignores the last). */
    @FunctionalInterface
    public interface Forward {
        EncoderOutput apply(INDArray inputIds, INDArray attentionMask, INDArray tokenTypeIds);
    }

    private final String modelType;
    private final Module model;
    private final Forward forward;
    private final BertTokenizer tokenizer;

    PretrainedEncoder(String modelType, Module model, Forward forward, BertTokenizer tokenizer) {
        this.modelType = modelType;
        this.model = model;
        this.forward = forward;
        this.tokenizer = tokenizer;
    }

    /** "bert", "albert" or "distilbert", as config.json's model_type. */
    public String modelType() {
        return modelType;
    }

    /** The model itself (BertModel, AlbertModel or DistilBertModel), in eval mode. */
    public Module model() {
        return model;
    }

    /** The directory's WordPiece tokenizer, or null when it had no vocab.txt. */
    public BertTokenizer tokenizer() {
        return tokenizer;
    }

    /** The forward pass on ids [batch, len] with an optional mask and token types (null: all ones / zeros). */
    public EncoderOutput forward(INDArray inputIds, INDArray attentionMask, INDArray tokenTypeIds) {
        return forward.apply(inputIds, attentionMask, tokenTypeIds);
    }

    /**
     * Tokenises {@code texts} ([CLS] ... [SEP]), pads them to one length with [PAD] and runs the encoder without a
     * graph: last_hidden_state [texts, len, hidden] (padding rows included; the batch's {@link Batch#mask} says which).
     */
    public Batch encode(List<String> texts) {
        if (tokenizer == null) {
            throw new IllegalStateException("this " + modelType + " directory has no vocab.txt, so it cannot tokenise"
                    + " text: call forward with token ids instead");
        }
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("texts is empty: give at least one text to encode");
        }
        List<int[]> ids = new ArrayList<>();
        int len = 0;
        for (String t : texts) {
            int[] x = tokenizer.encode(t);
            ids.add(x);
            len = Math.max(len, x.length);
        }
        int pad = tokenizer.vocabulary().id(tokenizer.config().padToken());
        long[][] input = new long[texts.size()][len];
        long[][] mask = new long[texts.size()][len];
        for (int i = 0; i < ids.size(); i++) {
            int[] x = ids.get(i);
            for (int j = 0; j < len; j++) {
                input[i][j] = j < x.length ? x[j] : pad;
                mask[i][j] = j < x.length ? 1 : 0;
            }
        }
        INDArray inputIds = Nd4j.createFromArray(input);
        INDArray attentionMask = Nd4j.createFromArray(mask);
        try (GradMode ignored = GradMode.off()) {
            EncoderOutput out = forward(inputIds, attentionMask, null);
            return new Batch(inputIds, attentionMask, out.lastHiddenState().data(),
                    out.poolerOutput() == null ? null : out.poolerOutput().data());
        }
    }

    /**
     * Encoded texts.
     *
     * @param inputIds        [texts, len] token ids, [PAD] after each text's [SEP]
     * @param mask            [texts, len] 1 at real tokens
     * @param lastHiddenState [texts, len, hidden]
     * @param pooler          [texts, hidden], or null for DistilBERT (which has no pooler)
     */
    public record Batch(INDArray inputIds, INDArray mask, INDArray lastHiddenState, INDArray pooler) {
    }
}
