package newarch.models.reformer;

import java.util.Arrays;
import java.util.List;

/**
 * The hyper-parameters of the Reformer (Kitaev, Kaiser and Levskaya 2020), named as in Hugging Face's
 * {@code ReformerConfig} so that a config.json reads straight across. Dropout is not part of it: this implementation
 * runs the model deterministically (Hugging Face's eval mode), which is what the reversible recomputation needs.
 *
 * @param vocabSize              {@code vocab_size}
 * @param hiddenSize             {@code hidden_size}: the width of each of the two reversible streams
 * @param numAttentionHeads      {@code num_attention_heads}
 * @param attentionHeadSize      {@code attention_head_size}: per head; heads × size need not equal hidden_size
 * @param attnLayers             {@code attn_layers}: one entry per layer, "lsh" or "local"
 * @param feedForwardSize        {@code feed_forward_size}
 * @param hiddenAct              {@code hidden_act}: relu, gelu, gelu_new, silu, tanh, sigmoid
 * @param layerNormEps           {@code layer_norm_eps}
 * @param maxPositionEmbeddings  {@code max_position_embeddings}
 * @param axialPosEmbds          {@code axial_pos_embds}: factorised (axial) rather than one learned row per position
 * @param axialPosShape          {@code axial_pos_shape}: the factors of the position grid
 * @param axialPosEmbdsDim       {@code axial_pos_embds_dim}: the width each factor contributes (they sum to hidden)
 * @param chunkSizeFeedForward   {@code chunk_size_feed_forward}: positions per feed-forward chunk, 0 = no chunking
 * @param isDecoder              {@code is_decoder}: causal masking inside both attention kinds
 * @param numHashes              {@code num_hashes}: rounds of hashing in LSH attention
 * @param numBuckets             {@code num_buckets}: buckets per round (even), or 0 for Hugging Face's choice from
 *                               the sequence length
 * @param lshAttnChunkLength     {@code lsh_attn_chunk_length}
 * @param lshNumChunksBefore     {@code lsh_num_chunks_before}
 * @param lshNumChunksAfter      {@code lsh_num_chunks_after}
 * @param localAttnChunkLength   {@code local_attn_chunk_length}
 * @param localNumChunksBefore   {@code local_num_chunks_before}
 * @param localNumChunksAfter    {@code local_num_chunks_after}
 * @param padTokenId             {@code pad_token_id}: fills inputs padded up to a multiple of the chunk lengths
 */
public record ReformerConfig(int vocabSize, int hiddenSize, int numAttentionHeads, int attentionHeadSize,
                             List<String> attnLayers, int feedForwardSize, String hiddenAct, double layerNormEps,
                             int maxPositionEmbeddings, boolean axialPosEmbds, int[] axialPosShape,
                             int[] axialPosEmbdsDim, int chunkSizeFeedForward, boolean isDecoder, int numHashes,
                             int numBuckets, int lshAttnChunkLength, int lshNumChunksBefore, int lshNumChunksAfter,
                             int localAttnChunkLength, int localNumChunksBefore, int localNumChunksAfter,
                             int padTokenId) {
    public ReformerConfig {
        attnLayers = List.copyOf(attnLayers);
        axialPosShape = axialPosShape.clone();
        axialPosEmbdsDim = axialPosEmbdsDim.clone();
        require(vocabSize > 0, "vocab_size " + vocabSize + " must be positive");
        require(hiddenSize > 0 && numAttentionHeads > 0 && attentionHeadSize > 0 && feedForwardSize > 0,
                "hidden_size " + hiddenSize + ", num_attention_heads " + numAttentionHeads + ", attention_head_size "
                        + attentionHeadSize + " and feed_forward_size " + feedForwardSize + " must be positive");
        require(!attnLayers.isEmpty(), "attn_layers is empty: give at least one of 'lsh', 'local'");
        for (String kind : attnLayers) {
            require(kind.equals("lsh") || kind.equals("local"),
                    "attn_layers " + attnLayers + " holds '" + kind + "': only 'lsh' and 'local' exist");
        }
        require(numHashes >= 1, "num_hashes " + numHashes + " must be at least 1");
        require(numBuckets == 0 || (numBuckets >= 2 && numBuckets % 2 == 0),
                "num_buckets " + numBuckets + " must be even and at least 2 (or unset)");
        require(lshAttnChunkLength > 0 && localAttnChunkLength > 0, "lsh_attn_chunk_length " + lshAttnChunkLength
                + " and local_attn_chunk_length " + localAttnChunkLength + " must be positive");
        require(lshNumChunksBefore >= 0 && lshNumChunksAfter >= 0 && localNumChunksBefore >= 0
                && localNumChunksAfter >= 0, "the numbers of chunks before/after must not be negative");
        require(chunkSizeFeedForward >= 0, "chunk_size_feed_forward " + chunkSizeFeedForward + " must not be negative");
        require(maxPositionEmbeddings > 0, "max_position_embeddings " + maxPositionEmbeddings + " must be positive");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("Reformer config: " + message);
        }
    }

    /** A small all-LSH configuration with learned positions, for tests and examples. */
    public static ReformerConfig tiny(int vocabSize, int hiddenSize, int heads, int headSize, List<String> layers,
                                      int chunkLength, int numHashes, int numBuckets) {
        return new ReformerConfig(vocabSize, hiddenSize, heads, headSize, layers, 2 * hiddenSize, "relu", 1e-12, 64,
                false, new int[] {8, 8}, new int[] {hiddenSize / 2, hiddenSize - hiddenSize / 2}, 0, false, numHashes,
                numBuckets, chunkLength, 1, 0, chunkLength, 1, 0, 0);
    }

    public int numHiddenLayers() {
        return attnLayers.size();
    }

    public int allHeadSize() {
        return numAttentionHeads * attentionHeadSize;
    }

    /** Inputs are padded to a multiple of this in inference: the least common multiple of the chunk lengths used. */
    public int leastCommonChunkLength() {
        boolean lsh = attnLayers.contains("lsh");
        boolean local = attnLayers.contains("local");
        if (lsh && local) {
            return lshAttnChunkLength / gcd(lshAttnChunkLength, localAttnChunkLength) * localAttnChunkLength;
        }
        return lsh ? lshAttnChunkLength : localAttnChunkLength;
    }

    /** Sequences no longer than this are never padded (a single chunk attends in full). */
    public int minChunkLength() {
        boolean lsh = attnLayers.contains("lsh");
        boolean local = attnLayers.contains("local");
        if (lsh && local) {
            return Math.min(lshAttnChunkLength, localAttnChunkLength);
        }
        return lsh ? lshAttnChunkLength : localAttnChunkLength;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    @Override
    public int[] axialPosShape() {
        return axialPosShape.clone();
    }

    @Override
    public int[] axialPosEmbdsDim() {
        return axialPosEmbdsDim.clone();
    }
}
