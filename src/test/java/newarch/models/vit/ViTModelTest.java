package newarch.models.vit;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newarch.tensor.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class ViTModelTest {
    private static ViTConfig tiny() {
        return ViTConfig.of(8, 2, 2, 12, 8, 4, 3);
    }

    @Test
    void stateDictUsesTransformers5Names() {
        ViTModel m = new ViTModel(tiny(), new Rng(1));
        List<String> keys = List.copyOf(m.stateDict().keySet());
        assertTrue(keys.containsAll(List.of("embeddings.cls_token", "embeddings.position_embeddings",
                "embeddings.patch_embeddings.projection.weight", "embeddings.patch_embeddings.projection.bias",
                "layers.1.layernorm_before.weight", "layers.1.attention.q_proj.weight", "layers.1.attention.o_proj.bias",
                "layers.1.layernorm_after.bias", "layers.1.mlp.fc1.weight", "layers.1.mlp.fc2.bias",
                "layernorm.weight", "pooler.dense.weight")), keys::toString);
        assertEquals(1 * 1 * 8 + 5 * 8 + (8 * 3 * 16 + 8) + 2 * (4 * (8 * 8 + 8) + 2 * 2 * 8 + 8 * 12 + 12 + 12 * 8 + 8)
                + 2 * 8 + (8 * 8 + 8), m.parameterCount());
        // ViT-B/16 as ViTModel: 86,389,248 parameters with the pooler (768·768 + 768 of them), 85,798,656 without.
        assertEquals(86_389_248L, new ViTModel(ViTConfig.base(), new Rng(0)).parameterCount());
        assertEquals(85_798_656L, new ViTModel(ViTConfig.base().withoutPooler(), new Rng(0)).parameterCount());
    }

    @Test
    void loadsTransformers4NamesAndTheClassifierPrefix() {
        ViTModel source = new ViTModel(tiny(), new Rng(2));
        Map<String, INDArray> old = new LinkedHashMap<>();
        source.stateDict().forEach((k, v) -> old.put("vit." + k
                .replaceFirst("^layers\\.", "encoder.layer.")
                .replace(".attention.q_proj.", ".attention.attention.query.")
                .replace(".attention.k_proj.", ".attention.attention.key.")
                .replace(".attention.v_proj.", ".attention.attention.value.")
                .replace(".attention.o_proj.", ".attention.output.dense.")
                .replace(".mlp.fc1.", ".intermediate.dense.")
                .replace(".mlp.fc2.", ".output.dense."), v));
        old.put("classifier.weight", org.nd4j.linalg.factory.Nd4j.zeros(DataType.FLOAT, 10, 8));
        ViTModel target = new ViTModel(tiny(), new Rng(3));
        target.loadHuggingFace(old);
        INDArray x = new Rng(4).normal(DataType.FLOAT, 0, 1, 2, 3, 8, 8);
        source.eval();
        target.eval();
        assertEquals(source.forward(x).lastHiddenState().data(), target.forward(x).lastHiddenState().data());
    }

    @Test
    void withoutPoolerThereIsNoPoolerOutput() {
        ViTModel m = new ViTModel(tiny().withoutPooler(), new Rng(5));
        assertTrue(m.stateDict().keySet().stream().noneMatch(k -> k.startsWith("pooler.")));
        assertNull(m.forward(new Rng(6).normal(DataType.FLOAT, 0, 1, 1, 3, 8, 8)).poolerOutput());
    }

    @Test
    void badConfigurationsAndInputsAreNamed() {
        assertBadInput(() -> ViTConfig.of(8, 1, 2, 12, 10, 4, 3), "image_size 10", "patch_size 4");
        assertBadInput(() -> ViTConfig.of(8, 1, 3, 12, 8, 4, 3), "hidden_size 8", "num_attention_heads 3");
        assertBadInput(() -> new ViTConfig(8, 1, 2, 12, "gelu_fancy", 1e-12, 8, 4, 3, true, true, 8, "tanh"),
                "hidden_act", "gelu_fancy");
        ViTModel m = new ViTModel(tiny(), new Rng(7));
        assertBadInput(() -> m.forward(new Rng(8).normal(DataType.FLOAT, 0, 1, 1, 3, 8, 12)), "pixel_values",
                "[1,3,8,12]", "[batch, 3, 8, 8]");
        assertBadInput(() -> m.forward(new Rng(8).normal(DataType.FLOAT, 0, 1, 1, 1, 8, 8)), "pixel_values",
                "[1,1,8,8]");
        assertBadInput(() -> m.loadHuggingFace(Map.of("layers.0.attention.query.weight",
                org.nd4j.linalg.factory.Nd4j.zeros(DataType.FLOAT, 8, 8))), "missing", "unexpected");
    }
}
