package newarch.models.universal;

import newarch.models.EncoderMemory;
import newarch.data.Vocabulary;
import newarch.models.SequenceToSequence;
import newarch.models.universal.Pondered.HaltingStatistics;
import newarch.nn.Embedding;
import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Universal Transformer (Dehghani et al. 2019): a Transformer whose encoder and decoder are each one layer
 * applied recurrently over depth, with the coordinate embedding (position + timestep) added before every step and,
 * optionally, adaptive computation time deciding per position how many steps it takes.
 *
 * <p>Parameters: {@code src_embed}, {@code tgt_embed} (scaled by √d), {@code encoder.layer.*},
 * {@code encoder.recurrence.halting_unit.*} (ACT only), {@code encoder.norm.*}, the same for {@code decoder}, and
 * {@code generator}. Their number does not depend on the number of steps.
 *
 * <p>Source and target id {@link Vocabulary#PAD} is padding: ignored by attention, never pondering and left out of
 * the ponder cost. {@link #forward} returns the ponder cost τ·(mean ρ over encoder positions + mean ρ over decoder
 * positions) as its auxiliary loss ({@code null} for the fixed-depth model).
 */
public class UniversalTransformer extends Module implements SequenceToSequence {
    private final UniversalTransformerConfig config;
    private final Embedding sourceEmbedding;
    private final Embedding targetEmbedding;
    private final UniversalEncoder encoder;
    private final UniversalDecoder decoder;
    private final Linear generator;
    private final double embeddingScale;
    private HaltingStatistics lastEncoder = HaltingStatistics.none();
    private HaltingStatistics lastDecoder = HaltingStatistics.none();

    public UniversalTransformer(UniversalTransformerConfig config, Rng rng) {
        this.config = config;
        int d = config.dModel();
        CoordinateEmbedding coordinates = new CoordinateEmbedding(config.maxLength(), config.maxSteps(), d);
        // N(0, 1/d) scaled by √d gives unit-variance inputs, on the scale of the coordinate signal added to them.
        sourceEmbedding = child("src_embed", new Embedding(config.sourceVocabSize(), d, 1 / Math.sqrt(d), rng));
        targetEmbedding = child("tgt_embed", new Embedding(config.targetVocabSize(), d, 1 / Math.sqrt(d), rng));
        encoder = child("encoder", new UniversalEncoder(config, coordinates, rng));
        decoder = child("decoder", new UniversalDecoder(config, coordinates, rng));
        generator = child("generator", new Linear(d, config.targetVocabSize(), true, rng));
        embeddingScale = Math.sqrt(d);
    }

    @Override
    public EncoderMemory encode(INDArray source) {
        return encodePondered(source).memory();
    }

    @Override
    public Tensor decode(Encoded memory, INDArray targetPrefix) {
        return decodePondered(memory, targetPrefix).logits();
    }

    @Override
    public Output forward(INDArray source, INDArray targetInput) {
        Encoding e = encodePondered(source);
        Decoding d = decodePondered(e.memory(), targetInput);
        Tensor ponderCost = config.adaptive()
                ? e.pondered().meanPonderTime().add(d.pondered().meanPonderTime()).mul(config.ponderWeight())
                : null;
        return new Output(d.logits(), ponderCost);
    }

    private record Encoding(EncoderMemory memory, Pondered pondered) {
    }

    private record Decoding(Tensor logits, Pondered pondered) {
    }

    private Encoding encodePondered(INDArray source) {
        checkTokens("source", source, config.sourceVocabSize(), "source vocabulary");
        INDArray padding = source.eq(Vocabulary.PAD).castTo(dataType());                     // [B, S]
        Tensor embedded = sourceEmbedding.forward(source).mul(embeddingScale);               // [B, S, d]
        Pondered p = encoder.forward(embedded, padding);
        lastEncoder = p.statistics();
        return new Encoding(new EncoderMemory(p.output(), padding), p);
    }

    private Decoding decodePondered(Encoded encoded, INDArray targetPrefix) {
        if (!(encoded instanceof EncoderMemory memory)) {
            throw new IllegalArgumentException("memory is a " + (encoded == null ? "null" : encoded.getClass().getName())
                    + " but must come from UniversalTransformer.encode");
        }
        checkTokens("target prefix", targetPrefix, config.targetVocabSize(), "target vocabulary");
        if (targetPrefix.size(0) != memory.states().size(0)) {
            throw new ShapeException("target prefix is " + Shapes.show(targetPrefix) + " but the encoded source has "
                    + memory.states().size(0) + " rows " + Shapes.show(memory.states().data()) + ": batch sizes must match");
        }
        INDArray padding = targetPrefix.eq(Vocabulary.PAD).castTo(dataType());               // [B, T]
        Tensor embedded = targetEmbedding.forward(targetPrefix).mul(embeddingScale);         // [B, T, d]
        Pondered p = decoder.forward(embedded, padding, memory.states(), memory.sourcePadding());
        lastDecoder = p.statistics();
        return new Decoding(generator.forward(p.output()), p);                               // [B, T, V]
    }

    private void checkTokens(String name, INDArray ids, int vocabularySize, String vocabularyName) {
        if (ids == null) {
            throw new IllegalArgumentException(name + " is null but must be [batch, len] token ids");
        }
        if (!ids.dataType().isIntType()) {
            throw new ShapeException(name + " is " + ids.dataType() + " " + Shapes.show(ids)
                    + " but must hold integer token ids (int64)");
        }
        if (ids.rank() != 2 || ids.size(0) == 0 || ids.size(1) == 0) {
            throw new ShapeException(name + " is " + Shapes.show(ids) + " but must be [batch, len] with at least one token");
        }
        if (ids.size(1) > config.maxLength()) {
            throw new ShapeException(name + " is " + Shapes.show(ids) + " but the position table holds only "
                    + config.maxLength() + " positions (maxLength)");
        }
        long min = ids.minNumber().longValue();
        long max = ids.maxNumber().longValue();
        if (min < 0 || max >= vocabularySize) {
            throw new ShapeException(name + " " + Shapes.show(ids) + " holds ids from " + min + " to " + max
                    + " but the " + vocabularyName + " has " + vocabularySize + " tokens");
        }
    }

    /** The type of the parameters (FLOAT, or DOUBLE after {@code to(DOUBLE)}). */
    private DataType dataType() {
        return generator.weight().dataType();
    }

    @Override
    public int targetVocabularySize() {
        return config.targetVocabSize();
    }

    public UniversalTransformerConfig config() {
        return config;
    }

    /** N, R and ρ = N + R per source position [batch, srcLen] of the last encoding (0 at padding). */
    public HaltingStatistics lastEncoderHalting() {
        return lastEncoder;
    }

    /** N, R and ρ = N + R per target position [batch, tgtLen] of the last decoding (0 at padding). */
    public HaltingStatistics lastDecoderHalting() {
        return lastDecoder;
    }

    /** ρ = N + R per source position [batch, srcLen] of the last encoding: the encoder's ponder time, for plots. */
    public INDArray lastEncoderPonderTimes() {
        return lastEncoder.ponderTimes();
    }

    /** ρ = N + R per target position [batch, tgtLen] of the last decoding (each decode call replaces it). */
    public INDArray lastDecoderPonderTimes() {
        return lastDecoder.ponderTimes();
    }

    public Embedding sourceEmbedding() {
        return sourceEmbedding;
    }

    public Embedding targetEmbedding() {
        return targetEmbedding;
    }

    public UniversalEncoder encoder() {
        return encoder;
    }

    public UniversalDecoder decoder() {
        return decoder;
    }

    public Linear generator() {
        return generator;
    }
}
