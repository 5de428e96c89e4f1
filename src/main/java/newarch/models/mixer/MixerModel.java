package newarch.models.mixer;

import newarch.models.ImageClassifier;
import newarch.nn.LayerNorm;
import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.nn.ModuleList;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/**
 * MLP-Mixer (Tolstikhin et al. 2021) as an image classifier: per-patch linear embedding ({@link MixerStem}), N Mixer
 * layers ({@link MixerBlock}), a final LayerNorm, global average pooling over the patches, and a linear head. No
 * attention and no position embeddings: token mixing sees the patches in a fixed order, so position is implicit in
 * its weights. Parameter names follow timm's {@code MlpMixer}: {@code stem.proj.*}, {@code blocks.N.norm1.*},
 * {@code blocks.N.mlp_tokens.fc1.*}, ..., {@code norm.*}, {@code head.*}.
 */
public class MixerModel extends Module implements ImageClassifier {
    private final MixerConfig config;
    private final MixerStem stem;
    private final ModuleList<MixerBlock> blocks;
    private final LayerNorm norm;
    private final Linear head;

    public MixerModel(MixerConfig config, Rng rng) {
        this.config = config;
        this.stem = child("stem", new MixerStem(config, rng));
        this.blocks = child("blocks", new ModuleList<>(config.numLayers(), i -> new MixerBlock(config, rng)));
        this.norm = child("norm", new LayerNorm(config.hiddenSize(), config.layerNormEps()));
        this.head = child("head", new Linear(config.hiddenSize(), config.numClasses(), true, rng));
    }

    /** images [B, channels, H, W] → the normalised patch tokens [B, S, C] before pooling. */
    public Tensor features(Tensor images) {
        Tensor x = stem.forward(images); // [B, S, C]
        for (MixerBlock block : blocks) {
            x = block.forward(x);
        }
        return norm.forward(x);
    }

    /** images [B, channels, H, W] → class logits [B, classes]. */
    @Override
    public Tensor forward(Tensor images) {
        Tensor pooled = features(images).mean(1); // [B, C]: global average over the patches
        return head.forward(pooled);
    }

    @Override
    public int numClasses() {
        return config.numClasses();
    }

    @Override
    public long[] imageShape() {
        return new long[] {config.numChannels(), config.imageSize(), config.imageSize()};
    }

    public MixerConfig config() {
        return config;
    }
}
