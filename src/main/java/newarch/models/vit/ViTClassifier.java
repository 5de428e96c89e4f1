package newarch.models.vit;

import java.util.LinkedHashMap;
import java.util.Map;
import newarch.models.ImageClassifier;
import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ViT as an image classifier, the way Hugging Face's {@code ViTForImageClassification} builds it: a {@link ViTModel}
 * without pooler ({@code vit.*}) and a linear head ({@code classifier.*}) on the final [CLS] state, which after the
 * last LayerNorm is the image representation the paper's eq. 4 classifies.
 */
public class ViTClassifier extends Module implements ImageClassifier {
    private final ViTModel vit;
    private final int numClasses;
    private final Linear classifier;

    public ViTClassifier(ViTConfig config, int numClasses, Rng rng) {
        if (numClasses <= 0) {
            throw new IllegalArgumentException("ViT classifier: num_labels " + numClasses + " must be positive");
        }
        this.numClasses = numClasses;
        this.vit = child("vit", new ViTModel(config.withoutPooler(), rng));
        this.classifier = child("classifier", new Linear(config.hiddenSize(), numClasses, true, rng));
    }

    /** A CPU-sized ViT for 28² grey digits: 7² patches of 4×4, width 64, 4 layers, 4 heads, MLP 128. */
    public static ViTConfig tinyConfig() {
        return ViTConfig.of(64, 4, 4, 128, 28, 4, 1);
    }

    /** pixel values [B, C, H, W] → class logits [B, classes]. */
    @Override
    public Tensor forward(Tensor pixelValues) {
        Tensor last = vit.forward(pixelValues).lastHiddenState();               // [B, N+1, D]
        Tensor cls = last.slice(1, 0, 1).reshape(last.size(0), last.size(2));   // [B, D]: the [CLS] token
        return classifier.forward(cls);
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public long[] imageShape() {
        ViTConfig c = vit.config();
        return new long[] {c.numChannels(), c.imageSize(), c.imageSize()};
    }

    public ViTModel vit() {
        return vit;
    }

    /** A Hugging Face ViTForImageClassification checkpoint (either generation of names), strictly. */
    public void loadHuggingFace(Map<String, INDArray> checkpoint) {
        Map<String, INDArray> state = new LinkedHashMap<>();
        ViTModel.huggingFaceState(checkpoint).forEach((k, v) -> state.put("vit." + k, v));
        checkpoint.forEach((k, v) -> {
            if (k.startsWith("classifier.")) {
                state.put(k, v);
            }
        });
        loadStateDict(state, true);
    }
}
