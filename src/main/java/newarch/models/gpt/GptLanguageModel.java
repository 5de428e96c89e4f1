package newarch.models.gpt;

import java.nio.file.Path;
import newarch.models.LanguageModel;
import newarch.nn.Module;
import newarch.tensor.MatMul;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * GPT-2 with its language-model head (Hugging Face's GPT2LMHeadModel): next-token logits are the last hidden state
 * times the token table, logits = h · wteᵀ. Tying the output to the input embedding (Press &amp; Wolf 2017) saves
 * vocab × n_embd parameters (38.6 M in GPT-2 small) and lets rare tokens learn from both ends.
 */
public class GptLanguageModel extends Module implements LanguageModel {
    private final GptModel transformer;

    public GptLanguageModel(GptConfig config, Rng rng) {
        this.transformer = child("transformer", new GptModel(config, rng));
    }

    /** Logits [B, L, vocab] for token ids [B, L]. */
    @Override
    public Tensor logits(INDArray tokens) {
        return logits(tokens, null);
    }

    /** As {@link #logits(INDArray)}, with a Hugging Face attention_mask [B, L] (1 = real token, 0 = padding). */
    public Tensor logits(INDArray tokens, INDArray attentionMask) {
        Tensor hidden = transformer.forward(tokens, attentionMask);              // [B, L, E]
        return MatMul.matmul(hidden, transformer.tokenEmbedding(), false, true); // [B, L, vocab]
    }

    @Override
    public int vocabularySize() {
        return transformer.config().vocabSize();
    }

    @Override
    public int contextLength() {
        return transformer.config().nPositions();
    }

    public GptModel transformer() {
        return transformer;
    }

    /** Loads a Hugging Face GPT-2 checkpoint (.safetensors or .npy directory) into the tied model. */
    public void loadHuggingFace(Path checkpoint) {
        transformer.loadHuggingFace(newarch.io.Checkpoints.load(checkpoint));
    }
}
