package newarch.models.transformer;

import newarch.nn.LayerNorm;
import newarch.nn.Module;
import newarch.nn.ModuleList;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The encoder–decoder Transformer as torch.nn.Transformer builds it: N encoder layers and a final LayerNorm
 * ({@code encoder.norm}), N decoder layers and a final LayerNorm ({@code decoder.norm}). Embeddings and the output
 * generator are left to the caller, as in PyTorch.
 */
public class Transformer extends Module {
    private final Encoder encoder;
    private final Decoder decoder;

    public Transformer(TransformerConfig c, Rng rng) {
        encoder = child("encoder", new Encoder(c, rng));
        decoder = child("decoder", new Decoder(c, rng));
    }

    public Tensor forward(Tensor src, Tensor tgt, Tensor srcMask, INDArray srcKeyPadding,
                          TransformerDecoderLayer.Masking decoderMasks) {
        Tensor memory = encoder.forward(src, srcMask, srcKeyPadding);
        return decoder.forward(tgt, memory, decoderMasks);
    }

    public Encoder encoder() {
        return encoder;
    }

    public Decoder decoder() {
        return decoder;
    }

    /** A stack of encoder layers with a final norm (torch.nn.TransformerEncoder). */
    public static class Encoder extends Module {
        private final ModuleList<TransformerEncoderLayer> layers;
        private final LayerNorm norm;

        public Encoder(TransformerConfig c, Rng rng) {
            layers = child("layers", new ModuleList<>(c.numEncoderLayers(), i -> new TransformerEncoderLayer(c, rng)));
            norm = child("norm", new LayerNorm(new long[] {c.dModel()}, c.layerNormEps(), true, c.bias()));
        }

        public Tensor forward(Tensor src, Tensor mask, INDArray keyPadding) {
            Tensor x = src;
            for (TransformerEncoderLayer layer : layers) {
                x = layer.forward(x, mask, keyPadding);
            }
            return norm.forward(x);
        }

        public ModuleList<TransformerEncoderLayer> layers() {
            return layers;
        }
    }

    /** A stack of decoder layers with a final norm (torch.nn.TransformerDecoder). */
    public static class Decoder extends Module {
        private final ModuleList<TransformerDecoderLayer> layers;
        private final LayerNorm norm;

        public Decoder(TransformerConfig c, Rng rng) {
            layers = child("layers", new ModuleList<>(c.numDecoderLayers(), i -> new TransformerDecoderLayer(c, rng)));
            norm = child("norm", new LayerNorm(new long[] {c.dModel()}, c.layerNormEps(), true, c.bias()));
        }

        public Tensor forward(Tensor tgt, Tensor memory, TransformerDecoderLayer.Masking masks) {
            Tensor x = tgt;
            for (TransformerDecoderLayer layer : layers) {
                x = layer.forward(x, memory, masks);
            }
            return norm.forward(x);
        }

        public ModuleList<TransformerDecoderLayer> layers() {
            return layers;
        }
    }
}
