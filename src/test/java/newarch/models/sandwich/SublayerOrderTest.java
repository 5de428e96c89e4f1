package newarch.models.sandwich;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SublayerOrderTest {

    @Test
    void sandwichIsAttentionBelowInterleavedBelowFeedForward() {
        // The paper's notation: s^k (sf)^(n−k) f^k.
        assertEquals("ssfsff", SublayerOrder.sandwich(3, 1).toString());
        assertEquals("sssfff", SublayerOrder.sandwich(3, 3).toString());
        assertEquals("sssssfsfsfffff", SublayerOrder.sandwich(7, 4).toString());
        assertEquals(7, SublayerOrder.sandwich(7, 4).pairs());
        assertEquals(14, SublayerOrder.sandwich(7, 4).length());
    }

    @Test
    void coefficientZeroIsTheInterleavedTransformer() {
        for (int n = 1; n <= 6; n++) {
            assertEquals(SublayerOrder.interleaved(n), SublayerOrder.sandwich(n, 0));
            assertEquals("sf".repeat(n), SublayerOrder.sandwich(n, 0).toString());
        }
        assertEquals(SublayerOrder.of("sfsf"), SublayerOrder.interleaved(2));
        assertEquals(SublayerOrder.of("sfsf").hashCode(), SublayerOrder.interleaved(2).hashCode());
    }

    @Test
    void anyOrderWithEqualCountsIsAllowed() {
        SublayerOrder o = SublayerOrder.of("fssf");
        assertFalse(o.isAttention(0));
        assertTrue(o.isAttention(1));
    }

    @Test
    void badOrdersAreOneLineErrors() {
        assertBadInput(() -> SublayerOrder.of("sxf"), "\"sxf\"", "'x' at position 1", "only s");
        assertBadInput(() -> SublayerOrder.of("SF"), "'S' at position 0");
        assertBadInput(() -> SublayerOrder.of("ssf"), "2 s and 1 f", "parameter count");
        assertBadInput(() -> SublayerOrder.of(""), "empty");
        assertBadInput(() -> SublayerOrder.sandwich(2, 3), "n = 2, k = 3", "0 ≤ k ≤ n");
        assertBadInput(() -> SublayerOrder.sandwich(0, 0), "n ≥ 1");
        assertBadInput(() -> SublayerOrder.sandwich(3, -1), "k = -1");
    }

    @Test
    void isValidAgreesWithOf() {
        for (String ok : new String[] {"sf", "fs", "ssff", "fssf", "sssfsfff"}) {
            assertTrue(SublayerOrder.isValid(ok), ok);
            assertEquals(ok, SublayerOrder.of(ok).toString());
        }
        for (String bad : new String[] {"", "s", "ssf", "sxf", "SF", "s f", null}) {
            assertFalse(SublayerOrder.isValid(bad), String.valueOf(bad));
        }
    }
}
