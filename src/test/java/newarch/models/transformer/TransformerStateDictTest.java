package newarch.models.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import newarch.tensor.GradMode;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class TransformerStateDictTest {

    @Test
    void baseHasTheParametersAndKeysOfTorchNnTransformer() {
        Transformer t = new Transformer(TransformerConfig.base(), new Rng(330));
        // torch.nn.Transformer(d_model=512) with its defaults
        assertEquals(44_140_544L, t.parameterCount());
        Map<String, INDArray> state = t.stateDict();
        // 6 encoder layers x 12 + encoder.norm 2 + 6 decoder layers x 18 + decoder.norm 2
        assertEquals(184, state.size());
        List<String> keys = new ArrayList<>(state.keySet());
        assertEquals(List.of(
                "encoder.layers.0.self_attn.in_proj_weight",
                "encoder.layers.0.self_attn.in_proj_bias",
                "encoder.layers.0.self_attn.out_proj.weight",
                "encoder.layers.0.self_attn.out_proj.bias",
                "encoder.layers.0.linear1.weight",
                "encoder.layers.0.linear1.bias",
                "encoder.layers.0.linear2.weight",
                "encoder.layers.0.linear2.bias",
                "encoder.layers.0.norm1.weight",
                "encoder.layers.0.norm1.bias",
                "encoder.layers.0.norm2.weight",
                "encoder.layers.0.norm2.bias"), keys.subList(0, 12));
        assertTrue(keys.contains("encoder.layers.5.self_attn.in_proj_weight"));
        assertTrue(keys.contains("encoder.norm.weight"));
        assertTrue(keys.contains("decoder.layers.0.multihead_attn.in_proj_weight"));
        assertTrue(keys.contains("decoder.layers.5.norm3.bias"));
        assertEquals("decoder.norm.bias", keys.get(keys.size() - 1));
        assertEquals(List.of(1536L, 512L), List.of(state.get("encoder.layers.0.self_attn.in_proj_weight").shape()[0],
                state.get("encoder.layers.0.self_attn.in_proj_weight").shape()[1]));
        assertEquals(2048L, state.get("decoder.layers.3.linear1.weight").size(0));
    }

    @Test
    void stateDictRoundTripReproducesTheModel() {
        TransformerConfig c = new TransformerConfig(8, 2, 16, 0.0, "gelu", 1e-5, false, true, 2, 2);
        Transformer a = new Transformer(c, new Rng(331));
        Transformer b = new Transformer(c, new Rng(332));
        assertNotEquals(a.stateDict().get("encoder.layers.1.self_attn.in_proj_weight"),
                b.stateDict().get("encoder.layers.1.self_attn.in_proj_weight"));
        b.loadStateDict(a.stateDict(), true);
        Map<String, INDArray> sb = b.stateDict();
        a.stateDict().forEach((k, v) -> assertEquals(v, sb.get(k), k));
        a.eval();
        b.eval();
        Rng rng = new Rng(333);
        Tensor src = Tensor.constant(rng.normal(DataType.FLOAT, 0, 1, 2, 5, 8));
        Tensor tgt = Tensor.constant(rng.normal(DataType.FLOAT, 0, 1, 2, 4, 8));
        TransformerDecoderLayer.Masking masks = new TransformerDecoderLayer.Masking(null, null, null, null);
        try (GradMode ignored = GradMode.off()) {
            assertEquals(a.forward(src, tgt, null, null, masks).data(), b.forward(src, tgt, null, null, masks).data());
        }
    }
}
