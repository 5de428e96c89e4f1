package newarch.conform;

import java.util.Arrays;
import java.util.List;
import newarch.models.reformer.ReformerConfig;

/** A fixture's ReformerConfig arguments, read with Hugging Face's names and defaults. */
final class ReformerConfigs {
    private ReformerConfigs() {
    }

    static ReformerConfig from(FixtureConfig c) {
        List<String> layers = c.has("attn_layers") ? List.of(c.texts("attn_layers"))
                : List.of("local", "lsh", "local", "lsh", "local", "lsh");
        int hidden = c.integer("hidden_size", 256);
        return new ReformerConfig(c.integer("vocab_size", 320), hidden, c.integer("num_attention_heads", 12),
                c.integer("attention_head_size", 64), layers, c.integer("feed_forward_size", 512),
                c.text("hidden_act", "relu"), c.real("layer_norm_eps", 1e-12),
                c.integer("max_position_embeddings", 4096), c.flag("axial_pos_embds", true),
                ints(c, "axial_pos_shape", new int[] {64, 64}), ints(c, "axial_pos_embds_dim", new int[] {64, 192}),
                c.integer("chunk_size_feed_forward", 0), c.flag("is_decoder", false), c.integer("num_hashes", 1),
                numBuckets(c), c.integer("lsh_attn_chunk_length", 64), c.integer("lsh_num_chunks_before", 1),
                c.integer("lsh_num_chunks_after", 0), c.integer("local_attn_chunk_length", 64),
                c.integer("local_num_chunks_before", 1), c.integer("local_num_chunks_after", 0),
                c.integer("pad_token_id", 0));
    }

    /** An int, a one-element list (the same thing to Hugging Face), or unset (0: chosen from the length). */
    private static int numBuckets(FixtureConfig c) {
        if (!c.has("num_buckets")) {
            return 0;
        }
        long[] b = c.integers("num_buckets");
        if (b.length != 1) {
            throw new IllegalArgumentException("num_buckets " + Arrays.toString(b)
                    + ": factorised buckets (a list of several factors) are not supported; give one even number");
        }
        return (int) b[0];
    }

    private static int[] ints(FixtureConfig c, String key, int[] fallback) {
        return c.has(key) ? Arrays.stream(c.integers(key)).mapToInt(Math::toIntExact).toArray() : fallback;
    }
}
