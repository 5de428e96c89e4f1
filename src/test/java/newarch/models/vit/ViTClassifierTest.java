package newarch.models.vit;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.normal;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** ViTForImageClassification's layout: a pooler-less ViT and a head on [CLS]; gradients; HF 4 checkpoint names. */
class ViTClassifierTest {
    private static ViTConfig tiny() {
        return new ViTConfig(4, 1, 2, 6, "gelu", 1e-6, 4, 2, 2, true, true, 4, "tanh");
    }

    @Test
    void headOnTheClassTokenWithHuggingFaceNames() {
        ViTClassifier m = new ViTClassifier(tiny(), 3, new Rng(1));
        var names = m.stateDict().keySet();
        assertTrue(names.contains("vit.embeddings.cls_token"));
        assertTrue(names.contains("classifier.weight") && names.contains("classifier.bias"));
        assertFalse(names.stream().anyMatch(k -> k.contains("pooler")), "ViTForImageClassification has no pooler");
        assertArrayEquals(new long[] {2, 3}, m.forward(Nd4j.zeros(DataType.FLOAT, 2, 2, 4, 4)).shape());
    }

    @Test
    void gradients() {
        ViTClassifier m = randomized(new ViTClassifier(tiny(), 3, new Rng(2)), new Rng(3), 0.5);
        assertModuleGradients(m, in -> m.forward(in.get(0)), normal(new Rng(4), 1, 2, 4, 4));
    }

    @Test
    void loadsItsOwnStateUnderTransformers4Names() {
        ViTClassifier a = new ViTClassifier(tiny(), 3, new Rng(5));
        Map<String, INDArray> hf = new LinkedHashMap<>();
        a.stateDict().forEach((k, v) -> hf.put(k.replace("vit.layers.", "vit.encoder.layer.")
                .replace(".attention.q_proj.", ".attention.attention.query.")
                .replace(".attention.k_proj.", ".attention.attention.key.")
                .replace(".attention.v_proj.", ".attention.attention.value.")
                .replace(".attention.o_proj.", ".attention.output.dense.")
                .replace(".mlp.fc1.", ".intermediate.dense.")
                .replace(".mlp.fc2.", ".output.dense."), v));
        ViTClassifier b = new ViTClassifier(tiny(), 3, new Rng(6));
        b.loadHuggingFace(hf);
        INDArray x = new Rng(7).normal(DataType.FLOAT, 0, 1, 1, 2, 4, 4);
        assertEquals(a.forward(x).data(), b.forward(x).data());
    }

    @Test
    void badInput() {
        assertBadInput(() -> new ViTClassifier(tiny(), 0, new Rng(8)), "num_labels 0");
        ViTClassifier m = new ViTClassifier(tiny(), 3, new Rng(9));
        assertThrowsShape(() -> m.forward(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 1, 2, 5, 5))));
    }

    private static void assertThrowsShape(org.junit.jupiter.api.function.Executable call) {
        assertBadInput(call, "[1,2,5,5]");
    }
}
