package newarch.models.gpt;

import java.util.LinkedHashMap;
import java.util.Map;
import newarch.attention.LearnedPositionalEncoding;
import newarch.attention.Masks;
import newarch.models.TokenIds;
import newarch.nn.Dropout;
import newarch.nn.Embedding;
import newarch.nn.LayerNorm;
import newarch.nn.Module;
import newarch.nn.ModuleList;
import newarch.tensor.Rng;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The GPT-2 decoder as Hugging Face's {@code GPT2Model} builds it (Radford et al. 2019): token embeddings
 * {@code wte} plus learned position embeddings {@code wpe}, a stack {@code h} of pre-norm decoder blocks with
 * causal self-attention, and a final LayerNorm {@code ln_f}. It returns the last hidden state; a language-model
 * head is {@link GptLanguageModel}. Parameter names and layouts are Hugging Face's, so GPT-2 checkpoints load as
 * they are (see {@link #huggingFaceState}).
 */
public class GptModel extends Module {
    /** GPT-2's {@code initializer_range}: weights start N(0, 0.02²). */
    static final double INIT_STD = 0.02;

    private final GptConfig config;
    private final Embedding wte;
    private final LearnedPositionalEncoding wpe;
    private final Dropout drop;
    private final ModuleList<GptBlock> h;
    private final LayerNorm lnF;

    public GptModel(GptConfig config, Rng rng) {
        this.config = config;
        this.wte = child("wte", new Embedding(config.vocabSize(), config.nEmbd(), INIT_STD, rng));
        this.wpe = child("wpe", new LearnedPositionalEncoding(config.nPositions(), config.nEmbd(), INIT_STD, rng));
        this.drop = child("drop", new Dropout(config.embdPdrop(), rng));
        this.h = child("h", new ModuleList<>(config.nLayer(), i -> new GptBlock(config, i, rng)));
        this.lnF = child("ln_f", new LayerNorm(config.nEmbd(), config.layerNormEpsilon()));
    }

    /** The last hidden state [B, L, n_embd] for token ids [B, L], every position attending to itself and before. */
    public Tensor forward(INDArray inputIds) {
        return forward(inputIds, null);
    }

    /**
     * @param inputIds      integer token ids [B, L], L ≤ n_positions
     * @param attentionMask Hugging Face style [B, L], 1 = real token, 0 = padding (never attended to), or null
     * @return [B, L, n_embd]; positions are 0..L−1 whatever the padding, as GPT2Model does without position_ids
     */
    public Tensor forward(INDArray inputIds, INDArray attentionMask) {
        checkInputs(inputIds, attentionMask);
        long len = inputIds.size(1);
        DataType type = wte.weight().dataType();
        Tensor x = drop.forward(wpe.forward(wte.forward(inputIds))); // [B, L, E]
        Tensor causal = Masks.causal(len, len, type);                 // [L, L]
        Tensor mask = attentionMask == null ? causal
                : Masks.combine(causal, Masks.fromAttentionMask(attentionMask, type)); // [B, 1, L, L]
        for (GptBlock block : h) {
            x = block.forward(x, mask);
        }
        return lnF.forward(x);
    }

    private void checkInputs(INDArray ids, INDArray attentionMask) {
        TokenIds.require("input_ids", ids, config.vocabSize(), "vocab_size", config.nPositions(), "n_positions");
        if (attentionMask != null && !java.util.Arrays.equals(attentionMask.shape(), ids.shape())) {
            throw new IllegalArgumentException("attention_mask is " + Shapes.show(attentionMask)
                    + " but must have the shape of input_ids " + Shapes.show(ids));
        }
    }

    /**
     * A Hugging Face GPT-2 checkpoint's tensors under this model's keys: the {@code transformer.} prefix of
     * GPT2LMHeadModel is dropped, and so are {@code lm_head.weight} (tied to {@code wte.weight}) and the causal-mask
     * buffers {@code h.N.attn.bias}/{@code masked_bias} that older checkpoints store.
     */
    public static Map<String, INDArray> huggingFaceState(Map<String, INDArray> checkpoint) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        checkpoint.forEach((key, value) -> {
            String k = key.startsWith("transformer.") ? key.substring("transformer.".length()) : key;
            if (k.equals("lm_head.weight") || k.endsWith(".attn.bias") || k.endsWith(".attn.masked_bias")) {
                return;
            }
            out.put(k, value);
        });
        return out;
    }

    /** Loads a Hugging Face GPT-2 checkpoint (GPT2Model or GPT2LMHeadModel keys), strictly. */
    public void loadHuggingFace(Map<String, INDArray> checkpoint) {
        loadStateDict(huggingFaceState(checkpoint), true);
    }

    public GptConfig config() {
        return config;
    }

    /** The token table {@code wte.weight} [vocab, n_embd], which the language-model head reuses. */
    public Tensor tokenEmbedding() {
        return wte.weight();
    }
}
