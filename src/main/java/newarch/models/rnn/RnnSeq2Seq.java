package newarch.models.rnn;

import newarch.attention.AdditiveAttention;
import newarch.attention.AttentionOutput;
import newarch.attention.Masks;
import newarch.data.Vocabulary;
import newarch.models.SequenceToSequence;
import newarch.nn.Dropout;
import newarch.nn.Embedding;
import newarch.nn.GRU;
import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.nn.RecurrentConfig;
import newarch.nn.RecurrentOutput;
import newarch.nn.RecurrentState;
import newarch.tensor.Indexing;
import newarch.tensor.Reshaping;
import newarch.tensor.Rng;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The recurrent encoder–decoder: embeddings, a GRU encoder (optionally bidirectional) and a GRU decoder.
 *
 * <p>Without attention (Sutskever et al., 2014) the decoder starts from the encoder's final state and sees nothing
 * else of the source: the whole sentence must squeeze through that one fixed-size vector, the bottleneck.
 *
 * <p>With attention (Bahdanau et al., 2015) each decoder step t first scores every encoder state h_j against the
 * previous decoder state s_{t−1} with additive attention, e_tj = vᵀ tanh(W s_{t−1} + U h_j), turns the scores into
 * alignment weights α_tj = softmax_j(e_tj) (0 at source padding), and reads the context c_t = Σ_j α_tj h_j. The
 * context enters the GRU together with the previous target token, s_t = GRU([y_{t−1}; c_t], s_{t−1}), and the output
 * layer predicts the next token from [s_t; c_t] (Bahdanau's deep output without the maxout). Because c_t depends on
 * s_{t−1}, this decoder runs step by step; the decoder without attention runs over the whole prefix at once.
 *
 * <p>A bidirectional encoder's final states (forward and backward, per layer) become the decoder's initial state
 * through s_0 = tanh(W_s [h_fwd; h_bwd] + b_s), a variant of Bahdanau's tanh(W_s h_bwd); a unidirectional encoder's
 * final state is passed as it is. Source sequences may be padded at the end with {@link Vocabulary#PAD}: the encoder
 * stops at each sequence's last real token and attention ignores the padding.
 */
public class RnnSeq2Seq extends Module implements SequenceToSequence {
    private final RnnSeq2SeqConfig config;
    private final Embedding sourceEmbedding;
    private final Embedding targetEmbedding;
    private final GRU encoder;
    private final Linear bridge;
    private final AdditiveAttention attention;
    private final GRU decoder;
    private final Linear generator;
    private final Dropout dropout;

    public RnnSeq2Seq(RnnSeq2SeqConfig c, Rng rng) {
        this.config = c;
        int h = c.hidden();
        int contextWidth = c.attention() ? c.encoderWidth() : 0;
        sourceEmbedding = child("source_embedding", new Embedding(c.sourceVocab(), c.embeddingDim(), rng));
        targetEmbedding = child("target_embedding", new Embedding(c.targetVocab(), c.embeddingDim(), rng));
        encoder = child("encoder", new GRU(new RecurrentConfig(c.embeddingDim(), h, c.layers(), true, true,
                c.dropout(), c.bidirectionalEncoder()), rng));
        bridge = c.bidirectionalEncoder() ? child("bridge", new Linear(2L * h, h, true, rng)) : null;
        attention = c.attention() ? child("attention", new AdditiveAttention(h, c.encoderWidth(), h, rng)) : null;
        decoder = child("decoder", new GRU(new RecurrentConfig(c.embeddingDim() + contextWidth, h, c.layers(), true,
                true, c.dropout(), false), rng));
        generator = child("generator", new Linear(h + contextWidth, c.targetVocab(), true, rng));
        dropout = child("dropout", new Dropout(c.dropout(), rng));
    }

    /**
     * An encoded source batch.
     *
     * @param states        the encoder's top-layer states h_j, [batch, srcLen, directions·hidden] (0 at padding)
     * @param sourcePadding 1 at padded source positions, 0 at real tokens, [batch, srcLen] in the model's type
     * @param initialState  the decoder's initial state s_0, [layers, batch, hidden]
     */
    public record Memory(Tensor states, INDArray sourcePadding, Tensor initialState) implements Encoded {
        @Override
        public Memory repeatRows(int times) {
            INDArray index = Encoded.repeatedRowIndex(states.size(0), times);
            return new Memory(Indexing.indexSelect(states, 0, index),
                    Indexing.indexSelect(Tensor.constant(sourcePadding), 0, index).data(),
                    Indexing.indexSelect(initialState, 1, index));
        }

        public long batchSize() {
            return states.size(0);
        }
    }

    /**
     * What the decoder computes for a target prefix.
     *
     * @param logits    next-token logits [batch, tgtLen, targetVocab]
     * @param alignment the attention weights α [batch, tgtLen, srcLen] (row t: where step t looked in the source; 0 at
     *                  padding), detached from the graph, for alignment heatmaps; null for a model without attention
     */
    public record Decoding(Tensor logits, Tensor alignment) {
    }

    @Override
    public Memory encode(INDArray source) {
        long[] lengths = checkTokens("source", source, config.sourceVocab(), true);
        DataType type = sourceEmbedding.weight().dataType();
        INDArray padding = source.eq(Vocabulary.PAD).castTo(type);                      // [batch, srcLen]
        Tensor embedded = dropout.forward(sourceEmbedding.forward(source));            // [batch, srcLen, emb]
        RecurrentOutput out = encoder.forward(embedded, null, Nd4j.createFromArray(lengths));
        return new Memory(out.output(), padding, decoderStart(out.hidden()));
    }

    /** The encoder's final states h_n [layers·directions, batch, hidden] as the decoder's s_0 [layers, batch, hidden]. */
    private Tensor decoderStart(Tensor finalStates) {
        if (bridge == null) {
            return finalStates;
        }
        long layers = config.layers();
        long batch = finalStates.size(1);
        long h = config.hidden();
        Tensor bothDirections = finalStates.reshape(layers, 2, batch, h).permute(0, 2, 1, 3)
                .reshape(layers, batch, 2 * h);                                          // [layers, batch, 2·hidden]
        return bridge.forward(bothDirections).tanh();
    }

    @Override
    public Tensor decode(Encoded memory, INDArray targetPrefix) {
        return decodeWithAlignment(memory, targetPrefix).logits();
    }

    /** As {@link #decode}, and also the attention weights of every step (see {@link Decoding}). */
    public Decoding decodeWithAlignment(Encoded encoded, INDArray targetPrefix) {
        if (!(encoded instanceof Memory memory)) {
            throw new IllegalArgumentException("RnnSeq2Seq.decode: memory is "
                    + (encoded == null ? "null" : "a " + encoded.getClass().getSimpleName())
                    + ", not what RnnSeq2Seq.encode returned");
        }
        Tensor start = memory.initialState();
        if (memory.states().size(2) != config.encoderWidth() || start.size(0) != config.layers()
                || start.size(2) != config.hidden()) {
            throw new IllegalArgumentException("RnnSeq2Seq.decode: memory holds states " + Shapes.show(memory.states().data())
                    + " and an initial state " + Shapes.show(start.data()) + " but this model expects [batch, srcLen, "
                    + config.encoderWidth() + "] and [" + config.layers() + ", batch, " + config.hidden()
                    + "]: was it encoded by another model?");
        }
        checkTokens("targetPrefix", targetPrefix, config.targetVocab(), false);
        if (targetPrefix.size(0) != memory.batchSize()) {
            throw new ShapeException("targetPrefix is " + Shapes.show(targetPrefix) + " but the encoded source has "
                    + memory.batchSize() + " rows: the batch sizes must match");
        }
        Tensor embedded = dropout.forward(targetEmbedding.forward(targetPrefix));      // [batch, tgtLen, emb]
        if (attention == null) {
            RecurrentOutput out = decoder.forward(embedded, RecurrentState.of(memory.initialState()));
            return new Decoding(generator.forward(dropout.forward(out.output())), null);
        }
        return attend(memory, embedded);
    }

    /** Bahdanau's decoder, one step at a time: attend with s_{t−1}, then update the state with [y_{t−1}; c_t]. */
    private Decoding attend(Memory memory, Tensor embedded) {
        int steps = Math.toIntExact(embedded.size(1));
        long batch = embedded.size(0);
        long layers = config.layers();
        Tensor mask = Masks.keyPadding(memory.sourcePadding(), 3, embedded.dataType()); // [batch, 1, srcLen]
        Tensor keys = attention.projectKeys(memory.states());                          // U h_j, once for all steps
        Tensor state = memory.initialState();                                          // [layers, batch, hidden]
        Tensor[] features = new Tensor[steps];
        INDArray[] alignment = new INDArray[steps];
        for (int t = 0; t < steps; t++) {
            Tensor query = state.slice(0, layers - 1, layers).reshape(batch, 1, config.hidden()); // top layer's s_{t−1}
            AttentionOutput read = attention.forwardProjected(query, keys, memory.states(), mask);
            Tensor context = read.output();                                             // c_t [batch, 1, encWidth]
            Tensor input = Reshaping.concat(2, embedded.slice(1, t, t + 1), context);   // [y_{t−1}; c_t]
            RecurrentOutput step = decoder.forward(input, RecurrentState.of(state));
            state = step.hidden();
            features[t] = Reshaping.concat(2, step.output(), context);                  // [s_t; c_t]
            alignment[t] = read.weights().data();                                       // [batch, 1, srcLen]
        }
        Tensor logits = generator.forward(dropout.forward(Reshaping.concat(1, features)));
        return new Decoding(logits, Tensor.constant(Nd4j.concat(1, alignment)));
    }

    @Override
    public int targetVocabularySize() {
        return config.targetVocab();
    }

    public RnnSeq2SeqConfig config() {
        return config;
    }

    /**
     * Checks a [batch, len] array of token ids; for the source also that padding only comes at the end of a row,
     * and returns each row's length without it.
     */
    private static long[] checkTokens(String name, INDArray ids, int vocab, boolean source) {
        if (ids.rank() != 2 || ids.size(0) == 0 || ids.size(1) == 0) {
            throw new ShapeException(name + " is " + Shapes.show(ids) + " but must be [batch, len] with at least one "
                    + (source ? "token" : "token (BOS)") + " per row");
        }
        if (!ids.dataType().isIntType()) {
            throw new ShapeException(name + " is " + ids.dataType() + " " + Shapes.show(ids) + " but must hold token ids");
        }
        long min = ids.minNumber().longValue();
        long max = ids.maxNumber().longValue();
        if (min < 0 || max >= vocab) {
            throw new ShapeException(name + " " + Shapes.show(ids) + " holds ids from " + min + " to " + max + " but the "
                    + (source ? "source" : "target") + " vocabulary has " + vocab + " tokens");
        }
        if (!source) {
            return null;
        }
        long[][] rows = ids.castTo(DataType.LONG).toLongMatrix();
        long[] lengths = new long[rows.length];
        for (int b = 0; b < rows.length; b++) {
            int len = 0;
            while (len < rows[b].length && rows[b][len] != Vocabulary.PAD) {
                len++;
            }
            for (int j = len; j < rows[b].length; j++) {
                if (rows[b][j] != Vocabulary.PAD) {
                    throw new ShapeException("source " + Shapes.show(ids) + " row " + b + " has padding (id "
                            + Vocabulary.PAD + ") at position " + len + " before a token at " + j
                            + ": padding must come at the end");
                }
            }
            lengths[b] = len;
        }
        return lengths;
    }
}
