package newarch.models.gpt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import newarch.tensor.Rng;
import org.junit.jupiter.api.Test;

/** The shape-only count equals the count of a built model, and GPT-2 small's published 124,439,808. */
class GptConfigParameterCountTest {
    @Test
    void countFromShapesEqualsTheBuiltModel() {
        for (GptConfig c : new GptConfig[] {GptConfig.of(37, 11, 8, 2, 2), GptConfig.of(50, 16, 12, 3, 3),
            new GptConfig(20, 9, 6, 1, 2, 10, "gelu_new", 1e-5, 0, 0, 0, true, false)}) {
            assertEquals(new GptModel(c, new Rng(1)).parameterCount(), c.parameterCount(), c.toString());
        }
    }

    @Test
    void gpt2SmallHasItsPublishedCount() {
        assertEquals(124_439_808L, GptConfig.small().parameterCount());
    }
}
