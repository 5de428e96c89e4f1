package newarch.models.reformer;

import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Local (chunked) self-attention, Hugging Face's {@code LocalSelfAttention}: separate query, key and value
 * projections; the sequence is cut into chunks of {@code local_attn_chunk_length} and each chunk attends to itself
 * and {@code local_num_chunks_before/after} neighbouring chunks. Keys are scaled by 1/√d; padding and, in a decoder,
 * the future are masked. Unlike LSH attention a query may attend to itself. A sequence no longer than one chunk
 * attends in full.
 */
public class LocalSelfAttention extends Module implements ReformerSelfAttention {
    private final ReformerConfig config;
    private final Linear query;
    private final Linear key;
    private final Linear value;

    public LocalSelfAttention(ReformerConfig config, Rng rng) {
        this.config = config;
        this.query = child("query", new Linear(config.hiddenSize(), config.allHeadSize(), false, rng));
        this.key = child("key", new Linear(config.hiddenSize(), config.allHeadSize(), false, rng));
        this.value = child("value", new Linear(config.hiddenSize(), config.allHeadSize(), false, rng));
    }

    /** @return the merged heads [B, L, heads·headSize] for hidden [B, L, hidden] and an optional mask [B, L] */
    public Tensor forward(Tensor hidden, INDArray attentionMask) {
        ChunkedAttention.requireInputs("LocalSelfAttention", hidden, attentionMask, config.hiddenSize());
        long b = hidden.size(0);
        long len = hidden.size(1);
        int heads = config.numAttentionHeads();
        int d = config.attentionHeadSize();
        Tensor q = ChunkedAttention.splitHeads(query.forward(hidden), heads, d);                 // [B, H, L, d]
        Tensor k = ChunkedAttention.splitHeads(key.forward(hidden), heads, d).mul(1 / Math.sqrt(d));
        Tensor v = ChunkedAttention.splitHeads(value.forward(hidden), heads, d);
        INDArray pos = ChunkedAttention.positions(b, heads, len);                                // [B, H, L]
        int chunk = config.localAttnChunkLength();
        if (len <= chunk) {
            INDArray allowed = attentionMask == null ? null : ChunkedAttention.maskAt(attentionMask, pos);
            return ChunkedAttention.mergeHeads(
                    ChunkedAttention.attend(q, k, v, pos, pos, allowed, config.isDecoder(), false).out());
        }
        int before = config.localNumChunksBefore();
        int after = config.localNumChunksAfter();
        Tensor qc = ChunkedAttention.chunk(q, chunk, "LocalSelfAttention");                    // [B, H, c, C, d]
        Tensor kc = ChunkedAttention.lookAdjacent(ChunkedAttention.chunk(k, chunk, "local"), before, after);
        Tensor vc = ChunkedAttention.lookAdjacent(ChunkedAttention.chunk(v, chunk, "local"), before, after);
        INDArray queryPos = ChunkedAttention.chunk(pos, chunk);                                 // [B, H, c, C]
        INDArray keyPos = ChunkedAttention.lookAdjacent(queryPos, before, after);               // [B, H, c, C·w]
        INDArray allowed = attentionMask == null ? null : ChunkedAttention.maskAt(attentionMask, keyPos);
        Tensor out = ChunkedAttention.attend(qc, kc, vc, queryPos, keyPos, allowed, config.isDecoder(), false).out();
        return ChunkedAttention.mergeHeads(out.reshape(b, heads, len, d));
    }

    @Override
    public Tensor forward(Tensor hidden, INDArray attentionMask, HashState ignored) {
        return forward(hidden, attentionMask);
    }
}
