package newarch.models.transformer;

import newarch.models.EncoderMemory;
import newarch.attention.Masks;
import newarch.attention.PositionalEncoding;
import newarch.data.Vocabulary;
import newarch.models.SequenceToSequence;
import newarch.nn.Dropout;
import newarch.nn.Embedding;
import newarch.nn.Init;
import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.MatMul;
import newarch.tensor.Rng;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Transformer of "Attention Is All You Need" as a whole model (Fig. 1): token embeddings scaled by √d_model
 * (§3.4) plus sinusoidal positions (§3.5) and dropout (§5.4) on both sides, the encoder–decoder
 * {@link Transformer}, and a generator that turns each decoder state into next-token logits.
 *
 * <p>Parameter names: {@code src_embed.weight}, {@code tgt_embed.weight}, {@code transformer.encoder.layers.0...}
 * (torch.nn.Transformer's own names below that prefix), {@code generator.bias} and, when the generator is not tied
 * to the target embedding, {@code generator.weight}.
 */
public class TransformerSeq2Seq extends Module implements SequenceToSequence {
    private final TransformerSeq2SeqConfig config;
    private final int sourceVocabulary;
    private final int targetVocabulary;
    private final Embedding srcEmbed;
    private final Embedding tgtEmbed;
    private final Transformer transformer;
    private final Generator generator;
    private final Dropout dropout;
    private final Tensor positions;      // [maxPositions, d_model], a constant
    private final double embedScale;

    public TransformerSeq2Seq(TransformerSeq2SeqConfig config, int sourceVocabulary, int targetVocabulary, Rng rng) {
        if (sourceVocabulary <= Vocabulary.UNK || targetVocabulary <= Vocabulary.UNK) {
            throw new IllegalArgumentException("vocabulary sizes " + sourceVocabulary + " (source) and "
                    + targetVocabulary + " (target) must exceed the " + (Vocabulary.UNK + 1) + " reserved ids");
        }
        this.config = config;
        this.sourceVocabulary = sourceVocabulary;
        this.targetVocabulary = targetVocabulary;
        int d = config.dModel();
        // N(0, 1/d): after the √d scale the embeddings have unit variance, like the positions added to them.
        srcEmbed = child("src_embed", new Embedding(sourceVocabulary, d, 1 / Math.sqrt(d), rng));
        tgtEmbed = child("tgt_embed", new Embedding(targetVocabulary, d, 1 / Math.sqrt(d), rng));
        transformer = child("transformer", new Transformer(config.transformer(), rng));
        generator = child("generator", new Generator(config.tiedGenerator() ? tgtEmbed.weight() : null, d,
                targetVocabulary, rng));
        dropout = child("dropout", new Dropout(config.transformer().dropout(), rng));
        positions = Tensor.constant(PositionalEncoding.sinusoidal(config.maxPositions(), d, 10000, DataType.FLOAT));
        embedScale = Math.sqrt(d);
    }

    /** The source side of the model: [B, S] ids → memory [B, S, d_model], with the source's padding. */
    @Override
    public EncoderMemory encode(INDArray source) {
        checkIds("source", source, sourceVocabulary);
        INDArray padding = source.eq(Vocabulary.PAD).castTo(DataType.FLOAT);        // [B, S], 1 at padding
        Tensor x = embed(srcEmbed, source);                                         // [B, S, d]
        return new EncoderMemory(transformer.encoder().forward(x, null, padding), padding);
    }

    /** Next-token logits [B, T, V] for a target prefix [B, T] that starts with BOS; position t sees 0..t only. */
    @Override
    public Tensor decode(Encoded encoded, INDArray targetPrefix) {
        if (!(encoded instanceof EncoderMemory memory)) {
            throw new IllegalArgumentException("decode: the memory was made by " + encoded.getClass().getSimpleName()
                    + ", not by this model's encode()");
        }
        checkIds("target prefix", targetPrefix, targetVocabulary);
        if (targetPrefix.size(0) != memory.states().size(0)) {
            throw new ShapeException("decode: target prefix is " + Shapes.show(targetPrefix) + " but the memory holds "
                    + memory.states().size(0) + " sources " + Shapes.show(memory.states().data())
                    + ": one prefix per source");
        }
        long t = targetPrefix.size(1);
        Tensor y = embed(tgtEmbed, targetPrefix);                                  // [B, T, d]
        Tensor causal = Masks.causal(t, t, y.dataType());                          // [T, T]
        TransformerDecoderLayer.Masking masks = new TransformerDecoderLayer.Masking(causal, null, null,
                memory.sourcePadding());
        return generator.forward(transformer.decoder().forward(y, memory.states(), masks));
    }

    /** Embedding · √d_model + PE, then dropout. */
    private Tensor embed(Embedding table, INDArray ids) {
        if (ids.size(1) > positions.size(0)) {
            throw new ShapeException("sequence " + Shapes.show(ids) + " is longer than the " + positions.size(0)
                    + " positions this model was built for (maxPositions)");
        }
        Tensor x = table.forward(ids).mul(embedScale);
        Tensor pe = positions.dataType() == x.dataType() ? positions
                : Tensor.constant(positions.data().castTo(x.dataType()));             // a model moved to DOUBLE
        return dropout.forward(PositionalEncoding.addTo(x, pe));
    }

    private static void checkIds(String what, INDArray ids, int vocabulary) {
        if (ids.rank() != 2 || !ids.dataType().isIntType() || ids.size(1) == 0) {
            throw new ShapeException(what + " is " + ids.dataType() + " " + Shapes.show(ids)
                    + " but must be integer token ids [batch, length] with length >= 1");
        }
        long max = ids.maxNumber().longValue();
        long min = ids.minNumber().longValue();
        if (min < 0 || max >= vocabulary) {
            throw new ShapeException(what + " " + Shapes.show(ids) + " holds ids from " + min + " to " + max
                    + " but the vocabulary has " + vocabulary + " tokens");
        }
    }

    @Override
    public int targetVocabularySize() {
        return targetVocabulary;
    }

    public int sourceVocabularySize() {
        return sourceVocabulary;
    }

    public TransformerSeq2SeqConfig config() {
        return config;
    }

    public Transformer transformer() {
        return transformer;
    }

    /** The pre-softmax linear map to the target vocabulary ("generator" in the Annotated Transformer). */
    static final class Generator extends Module {
        private final Linear projection;
        private final Tensor tiedWeight;
        private final Tensor bias;

        /** @param tiedWeight the target embedding [V, d] to share, or null for a separate Linear */
        Generator(Tensor tiedWeight, int dModel, int vocabulary, Rng rng) {
            this.tiedWeight = tiedWeight;
            if (tiedWeight == null) {
                projection = child("", new Linear(dModel, vocabulary, true, rng));
                bias = null;
            } else {
                projection = null;
                bias = parameter("bias", Init.zeros(vocabulary));
            }
        }

        Tensor forward(Tensor x) {
            if (projection != null) {
                return projection.forward(x);
            }
            return MatMul.matmul(x, tiedWeight, false, true).add(bias);     // [B, T, d] · [V, d]ᵀ → [B, T, V]
        }
    }
}
