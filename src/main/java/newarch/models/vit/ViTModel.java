package newarch.models.vit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newarch.attention.AttentionOutput;
import newarch.nn.LayerNorm;
import newarch.nn.Module;
import newarch.nn.ModuleList;
import newarch.tensor.GradMode;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Vision Transformer encoder as Hugging Face's {@code ViTModel} builds it (Dosovitskiy et al. 2021, "An Image is
 * Worth 16x16 Words"): an image becomes a sequence of patch tokens behind a [CLS] token ({@link ViTEmbeddings}),
 * passes a stack of pre-norm encoder layers, and a final LayerNorm; an optional pooler reads the [CLS] state.
 * Parameter names are those of transformers 5 ({@code layers.0.attention.q_proj.weight}); checkpoints with the older
 * names ({@code encoder.layer.0.attention.attention.query.weight}) load through {@link #loadHuggingFace}.
 */
public class ViTModel extends Module {
    private final ViTConfig config;
    private final ViTEmbeddings embeddings;
    private final ModuleList<ViTLayer> layers;
    private final LayerNorm layernorm;
    private final ViTPooler pooler;

    public ViTModel(ViTConfig config, Rng rng) {
        this.config = config;
        this.embeddings = child("embeddings", new ViTEmbeddings(config, rng));
        this.layers = child("layers", new ModuleList<>(config.numHiddenLayers(), i -> new ViTLayer(config, rng)));
        this.layernorm = child("layernorm", new LayerNorm(config.hiddenSize(), config.layerNormEps()));
        this.pooler = config.addPoolingLayer() ? child("pooler", new ViTPooler(config, rng)) : null;
    }

    /** pixel values [B, C, image_size, image_size] → last hidden state [B, N+1, D] and the pooled [CLS]. */
    public ViTOutput forward(Tensor pixelValues) {
        Tensor z = embeddings.forward(pixelValues); // [B, N+1, D]
        for (ViTLayer layer : layers) {
            z = layer.forward(z);
        }
        Tensor last = layernorm.forward(z);
        return new ViTOutput(last, pooler == null ? null : pooler.forward(last));
    }

    /**
     * The self-attention weights of every encoder layer for these pixel values, first layer first: each
     * [B, heads, N+1, N+1], token 0 being [CLS] and tokens 1..N the patches row by row. Computed without gradients.
     */
    public List<INDArray> attentionWeights(INDArray pixelValues) {
        List<INDArray> weights = new ArrayList<>();
        try (GradMode ignored = GradMode.off()) {
            Tensor z = embeddings.forward(Tensor.constant(pixelValues)); // [B, N+1, D]
            for (ViTLayer layer : layers) {
                AttentionOutput a = layer.forwardWithAttention(z);
                weights.add(a.weights().data());                    // [B, heads, N+1, N+1]
                z = a.output();
            }
        }
        return weights;
    }

    /** The same for a plain array of pixel values. */
    public ViTOutput forward(INDArray pixelValues) {
        return forward(Tensor.constant(pixelValues));
    }

    public ViTConfig config() {
        return config;
    }

    /**
     * A Hugging Face ViT checkpoint under this model's keys: the {@code vit.} prefix of ViTForImageClassification is
     * dropped with its {@code classifier.*} head, and transformers 4 names become transformers 5 names
     * ({@code encoder.layer.N.} → {@code layers.N.}, {@code attention.attention.query/key/value} →
     * {@code attention.q_proj/k_proj/v_proj}, {@code attention.output.dense} → {@code attention.o_proj},
     * {@code intermediate.dense} → {@code mlp.fc1}, {@code output.dense} → {@code mlp.fc2}).
     */
    public static Map<String, INDArray> huggingFaceState(Map<String, INDArray> checkpoint) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        checkpoint.forEach((key, value) -> {
            String k = key.startsWith("vit.") ? key.substring("vit.".length()) : key;
            if (k.startsWith("classifier.")) {
                return;
            }
            if (k.startsWith("encoder.layer.")) {
                k = "layers." + k.substring("encoder.layer.".length())
                        .replace(".attention.attention.query.", ".attention.q_proj.")
                        .replace(".attention.attention.key.", ".attention.k_proj.")
                        .replace(".attention.attention.value.", ".attention.v_proj.")
                        .replace(".attention.output.dense.", ".attention.o_proj.")
                        .replace(".intermediate.dense.", ".mlp.fc1.")
                        .replace(".output.dense.", ".mlp.fc2.");
            }
            out.put(k, value);
        });
        return out;
    }

    /** Loads a Hugging Face ViT checkpoint (either generation of names), strictly. */
    public void loadHuggingFace(Map<String, INDArray> checkpoint) {
        loadStateDict(huggingFaceState(checkpoint), true);
    }
}
