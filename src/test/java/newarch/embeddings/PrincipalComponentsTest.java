package newarch.embeddings;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import newarch.viz.LabelledScatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PrincipalComponentsTest {
    @Test
    void theFirstComponentIsTheDirectionOfLargestSpread() {
        // Points t·(3, 4, 0)/5 + small noise along z: the first coordinate recovers ±t (centred), the second the noise.
        double[] t = {-2, -1, 0, 1, 2};
        double[] z = {0.1, -0.1, 0, -0.1, 0.1};   // uncorrelated with t, mean 0
        INDArray rows = Nd4j.zeros(DataType.DOUBLE, 5, 3);
        for (int i = 0; i < 5; i++) {
            rows.putRow(i, Nd4j.createFromArray(0.6 * t[i] + 7, 0.8 * t[i] - 1, z[i]));
        }
        INDArray p = PrincipalComponents.project(rows, 2);
        assertArrayEquals(new long[] {5, 2}, p.shape());
        double sign = Math.signum(p.getDouble(4, 0));
        for (int i = 0; i < 5; i++) {
            assertEquals(t[i], sign * p.getDouble(i, 0), 1e-9);
            assertEquals(Math.abs(z[i]), Math.abs(p.getDouble(i, 1)), 1e-9);
        }
        assertBadInput(() -> PrincipalComponents.project(rows, 4), "k is 4");
    }

    @Test
    void aLabelledScatterIsWrittenAsPng(@TempDir Path tmp) throws Exception {
        Path png = tmp.resolve("s.png");
        LabelledScatter.of("t", new double[] {0, 1}, new double[] {1, 0}, List.of("a", "b")).save(png);
        assertTrue(Files.size(png) > 1000);
        assertBadInput(() -> LabelledScatter.of("t", new double[] {0}, new double[] {1, 0}, List.of("a")),
                "x has 1 points, y 2");
    }
}
