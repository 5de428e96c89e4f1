package newarch.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SolutionRegionsTest {
    private static final String CODE = """
            Tensor f(Tensor x) {
                // BEGIN SOLUTION
                Tensor y = x.mul(x);
                return y;
                // END SOLUTION
            }""";

    @Test
    void solutionKeepsTheCodeWithoutMarkers() {
        assertEquals("Tensor f(Tensor x) {\n    Tensor y = x.mul(x);\n    return y;\n}", SolutionRegions.solution(CODE));
    }

    @Test
    void exerciseReplacesTheRegionWithOneThrowingLineAtTheSameIndent() {
        String ex = SolutionRegions.exercise(CODE, "1.2");
        assertEquals("Tensor f(Tensor x) {\n    throw new UnsupportedOperationException(\"Exercise 1.2 is not done yet:"
                + " write your code here\");\n}", ex);
        assertFalse(SolutionRegions.has(ex));
        assertTrue(SolutionRegions.has(CODE));
    }
}
