package newarch.conform;

import java.util.Map;
import newarch.train.NoamSchedule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The Noam warm-up schedule, lr[i] for step i + 1. */
final class NoamRunner implements KindRunner {
    @Override
    public Map<String, INDArray> run(Fixture f) {
        FixtureConfig c = f.config();
        NoamSchedule s = new NoamSchedule(c.integer("d_model"), c.integer("warmup"), c.real("factor", 1.0));
        double[] lr = new double[c.integer("steps")];
        for (int i = 0; i < lr.length; i++) {
            lr[i] = s.rate(i + 1);
        }
        return Map.of("lr", Nd4j.createFromArray(lr).castTo(DataType.FLOAT));
    }
}
