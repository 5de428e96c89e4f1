package newarch.conform;

import java.util.Map;
import newarch.attention.PositionalEncoding;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The sinusoidal position table of the Transformer paper. */
final class SinusoidalRunner implements KindRunner {
    @Override
    public Map<String, INDArray> run(Fixture f) {
        FixtureConfig c = f.config();
        return Map.of("pe", PositionalEncoding.sinusoidal(c.integer("max_len"), c.integer("d_model"),
                c.real("base", 10000.0), DataType.FLOAT));
    }
}
