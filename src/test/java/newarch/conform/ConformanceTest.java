package newarch.conform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import newarch.io.Npy;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every shared PyTorch/Hugging Face fixture of a supported kind, reproduced in-process within the fixture's
 * tolerance (the same rule as check.py: |got − expected| ≤ atol + rtol·|expected|, exact shapes).
 */
class ConformanceTest {
    static Stream<Path> fixtures() throws Exception {
        return SharedFixtures.supported().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void reproducesReference(Path dir) {
        Fixture f = Fixture.load(dir);
        Map<String, INDArray> got = Conformance.compute(f);
        for (String out : f.outputs()) {
            INDArray expected = Npy.read(dir.resolve("expected").resolve(out + ".npy"));
            INDArray actual = got.get(out);
            assertArrayEquals(expected.shape(), actual.shape(), out + " shape");
            if (!expected.dataType().isFPType()) {
                assertEquals(expected, actual.castTo(expected.dataType()), out);
                continue;
            }
            INDArray e = expected.castTo(DataType.DOUBLE);
            INDArray a = actual.castTo(DataType.DOUBLE);
            INDArray excess = org.nd4j.linalg.ops.transforms.Transforms.abs(a.sub(e))
                    .subi(org.nd4j.linalg.ops.transforms.Transforms.abs(e, true).muli(f.rtol()).addi(f.atol()));
            assertFalse(a.isNaN().any() || a.isInfinite().any() && !e.isInfinite().any(), out + " has NaN or Inf");
            double worst = excess.maxNumber().doubleValue();
            assertTrue(worst <= 0, f.name() + "/" + out + ": exceeds tolerance by " + worst);
        }
    }

    @org.junit.jupiter.api.Test
    void sharedFixturesArePresent() throws Exception {
        Assumptions.assumeTrue(java.nio.file.Files.isDirectory(SharedFixtures.root()), "no ../shared checkout");
        assertTrue(SharedFixtures.supported().size() >= 11, "expected the 11 core fixtures");
    }
}
