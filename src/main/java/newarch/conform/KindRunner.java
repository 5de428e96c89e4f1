package newarch.conform;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Computes a fixture kind's outputs with the library: one small class per kind. */
@FunctionalInterface
public interface KindRunner {
    Map<String, INDArray> run(Fixture fixture);
}
