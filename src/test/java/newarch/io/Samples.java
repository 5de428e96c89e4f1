package newarch.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Test arrays and assertions shared by the format tests. */
final class Samples {

    private Samples() {
    }

    /** An array of {@code shape} whose values {@code type} holds exactly, varied enough to catch misordering. */
    static INDArray of(DataType type, long... shape) {
        long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        double[] values = new double[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (type) {
                case BOOL -> i % 3 == 0 ? 1 : 0;
                case UBYTE -> (i * 37) % 256;
                case FLOAT, DOUBLE, HALF, BFLOAT16 -> (i % 11) - 5.25;
                default -> (i % 11) - 5;
            };
        }
        if (shape.length == 0) {
            return Nd4j.scalar(values[0]).castTo(type);
        }
        if (count == 0) {
            return Nd4j.create(type, shape);
        }
        return Nd4j.create(values, shape, DataType.DOUBLE).castTo(type);
    }

    static void assertSameTensor(INDArray expected, INDArray actual) {
        assertEquals(expected.dataType(), actual.dataType(), "dtype");
        assertArrayEquals(expected.shape(), actual.shape(), "shape");
        assertEquals(expected.rank(), actual.rank(), "rank");
        assertEquals(expected, actual, "values");
    }

    /** The package promises one-line messages that name the file. */
    static void assertOneLineNaming(Path file, Exception e) {
        assertTrue(e.getMessage().contains(file.toString()), () -> "message should name " + file + ": " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), () -> "message should be one line: " + e.getMessage());
    }
}
