package newarch.conform;

import java.util.Map;
import newarch.models.shuffle.PerfectShuffle;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The perfect-shuffle permutation and its inverse. */
final class PerfectShuffleRunner implements KindRunner {
    @Override
    public Map<String, INDArray> run(Fixture f) {
        int n = f.config().integer("n");
        return Map.of("perm", Nd4j.createFromArray(PerfectShuffle.permutation(n)),
                "inverse_perm", Nd4j.createFromArray(PerfectShuffle.inverse(n)));
    }
}
