package newarch.models.reformer;

import java.util.List;

/** Small configurations for the Reformer tests, varied one option at a time. */
final class Configs {
    private Configs() {
    }

    /** hidden 4, 2 heads of size 3, chunk 2 for both attention kinds, 1 chunk before, 0 after. */
    static ReformerConfig lsh(int chunk, int before, int after, int hashes, int buckets, boolean decoder) {
        return new ReformerConfig(11, 4, 2, 3, List.of("lsh"), 6, "relu", 1e-12, 16, false, new int[] {4, 4},
                new int[] {2, 2}, 0, decoder, hashes, buckets, chunk, before, after, chunk, before, after, 0);
    }

    static ReformerConfig model(List<String> layers, boolean axial, int ffChunk, boolean decoder, String act) {
        return new ReformerConfig(11, 4, 2, 3, layers, 6, act, 1e-12, 16, axial, new int[] {4, 4},
                new int[] {1, 3}, ffChunk, decoder, 2, 4, 2, 1, 0, 4, 1, 1, 0);
    }
}
