package newarch.models.reformer;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static newarch.tensor.GradAssert.assertGradients;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ReformerModelTest {
    private static final INDArray IDS = Nd4j.createFromArray(new long[] {3, 5, 1, 7, 2, 9, 4, 6}).reshape(1, 8);

    private static ReformerModel model(List<String> layers, boolean axial, boolean decoder) {
        return randomized(new ReformerModel(Configs.model(layers, axial, 2, decoder, "relu"), new Rng(1)),
                new Rng(2), 0.5);
    }

    private static INDArray rotations() {
        return new Rng(3).normal(DataType.DOUBLE, 0, 1, 2, 3, 2, 2);
    }

    @Test
    void hugginFaceNames() {
        ReformerModel m = new ReformerModel(Configs.model(List.of("lsh", "local"), true, 0, false, "relu"), new Rng(1));
        var keys = m.namedParameters().keySet();
        for (String k : List.of("embeddings.word_embeddings.weight", "embeddings.position_embeddings.weights.0",
                "encoder.layers.0.attention.self_attention.query_key.weight",
                "encoder.layers.1.attention.self_attention.key.weight",
                "encoder.layers.0.attention.output.dense.weight", "encoder.layers.1.feed_forward.dense.dense.bias",
                "encoder.layers.1.feed_forward.output.dense.weight", "encoder.layer_norm.weight")) {
            assertTrue(keys.contains(k), () -> k + " not in " + keys);
        }
    }

    @ParameterizedTest(name = "{0}, axial {1}, decoder {2}")
    @CsvSource({"lsh local, true, true", "local lsh, false, false"})
    void gradient(String layers, boolean axial, boolean decoder) {
        ReformerModel m = model(List.of(layers.split(" ")), axial, decoder);
        INDArray rotations = rotations();
        // a sample of the parameters keeps the check fast: the embeddings (everything flows through them), the
        // first layer's attention projection and feed-forward, the final norm
        var named = m.namedParameters();
        List<Tensor> checked = new java.util.ArrayList<>();
        for (String key : List.of("embeddings.word_embeddings.weight", "encoder.layers.0.attention.output.dense.weight",
                "encoder.layers.0.feed_forward.dense.dense.weight", "encoder.layer_norm.bias")) {
            checked.add(named.get(key));
        }
        named.forEach((k, p) -> {
            if (k.contains("position_embeddings") || k.contains("self_attention")) {
                checked.add(p);
            }
        });
        assertGradients(in -> m.forward(IDS, null, rotations), checked);
    }

    /**
     * A length that is not a multiple of the chunk length is padded and masked, then cut back: the first positions
     * of a decoder see only what came before them, so they agree with the longer, unpadded input.
     */
    @Test
    void paddingToTheChunkLengthIsInvisibleToADecoder() {
        ReformerModel m = model(List.of("local", "local"), false, true);
        INDArray seven = IDS.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 7)).dup();
        Tensor short7 = m.forward(seven, null, null);
        Tensor full8 = m.forward(IDS, null, null);
        assertArrayEquals(new long[] {1, 7, 8}, short7.shape());
        assertTrue(short7.data().equalsWithEps(full8.slice(1, 0, 7).data(), 1e-10));
    }

    @Test
    void badInputsAreOneLineErrors() {
        ReformerModel m = model(List.of("lsh"), false, false);
        assertBadInput(() -> m.forward(Nd4j.createFromArray(new long[] {1, 99}).reshape(1, 2), null, null),
                "input_ids", "vocab_size");
        assertBadInput(() -> m.forward(IDS, Nd4j.ones(DataType.LONG, 1, 5), rotations()), "attention_mask");
        assertBadInput(() -> m.forward(Nd4j.zeros(DataType.LONG, 1, 18), null, rotations()),
                "max_position_embeddings is 16");
        assertBadInput(() -> Configs.model(List.of("lsh", "full"), false, 0, false, "relu"), "full");
    }
}
