package newarch.models.distilbert;

import java.util.LinkedHashMap;
import java.util.Map;
import newarch.models.bert.EncoderInit;
import newarch.models.bert.EncoderOutput;
import newarch.models.bert.HiddenActivation;
import newarch.nn.Init;
import newarch.nn.LayerNorm;
import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.MatMul;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DistilBERT with its masked-LM head, as Hugging Face's {@code DistilBertForMaskedLM}: {@code distilbert}, then
 * {@code vocab_transform} → activation → {@code vocab_layer_norm} → {@code vocab_projector}, whose weight is tied to
 * the token table (only its bias is a parameter of its own). This is the student of distillation.
 */
public class DistilBertForMaskedLM extends Module {
    private final DistilBertModel distilbert;
    private final Linear vocabTransform;
    private final HiddenActivation activation;
    private final LayerNorm vocabLayerNorm;
    private final VocabProjector vocabProjector;

    /** The output projection whose weight is the token table: only {@code bias} [V] is stored here. */
    public static final class VocabProjector extends Module {
        private final Tensor bias;

        VocabProjector(int vocabSize) {
            this.bias = parameter("bias", Init.zeros(vocabSize));
        }

        /** h [B, L, dim], token table [V, dim] → logits [B, L, V]. */
        Tensor forward(Tensor h, Tensor table) {
            return MatMul.matmul(h, table, false, true).add(bias);
        }
    }

    /** What the masked-LM model returns: the logits and the encoder's hidden states (for the cosine loss). */
    public record Output(Tensor logits, EncoderOutput encoder) {
    }

    public DistilBertForMaskedLM(DistilBertConfig c, Rng rng) {
        this.distilbert = child("distilbert", new DistilBertModel(c, rng));
        this.vocabTransform = child("vocab_transform", EncoderInit.linear(c.dim(), c.dim(), c.initializerRange(), rng));
        this.activation = new HiddenActivation(c.activation(), "activation");
        this.vocabLayerNorm = child("vocab_layer_norm", new LayerNorm(c.dim(), DistilBertConfig.LAYER_NORM_EPS));
        this.vocabProjector = child("vocab_projector", new VocabProjector(c.vocabSize()));
    }

    /** input_ids [B, L], attention_mask [B, L] or null → logits [B, L, V] and the last hidden state. */
    public Output forward(INDArray inputIds, INDArray attentionMask) {
        EncoderOutput enc = distilbert.forward(inputIds, attentionMask);
        Tensor h = vocabLayerNorm.forward(activation.apply(vocabTransform.forward(enc.lastHiddenState())));
        return new Output(vocabProjector.forward(h, distilbert.embeddings().wordEmbeddings()), enc);
    }

    /** Loads a Hugging Face DistilBertForMaskedLM checkpoint; the tied {@code vocab_projector.weight} is skipped. */
    public void loadHuggingFace(Map<String, INDArray> checkpoint) {
        Map<String, INDArray> heads = new LinkedHashMap<>();
        checkpoint.forEach((k, v) -> {
            if (!k.startsWith("distilbert.") && !k.equals("vocab_projector.weight")) {
                heads.put(k, v);
            }
        });
        Map<String, INDArray> state = new LinkedHashMap<>();
        distilbert.huggingFaceState(checkpoint).forEach((k, v) -> state.put("distilbert." + k, v));
        state.putAll(heads);
        loadStateDict(state, true);
    }

    public DistilBertModel distilbert() {
        return distilbert;
    }
}
