package newarch.nn;

import newarch.tensor.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The initialisations PyTorch uses by default, so that freshly built models train like their references. */
public final class Init {
    private Init() {
    }

    /** U(-1/√fanIn, 1/√fanIn): nn.Linear's default for weight and bias (kaiming_uniform with a = √5). */
    public static INDArray linearUniform(Rng rng, long fanIn, long... shape) {
        double bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
        return rng.uniform(DataType.FLOAT, -bound, bound, shape);
    }

    /** Glorot/Xavier uniform for a [fanOut, fanIn] matrix. */
    public static INDArray xavierUniform(Rng rng, long fanOut, long fanIn) {
        double bound = Math.sqrt(6.0 / (fanIn + fanOut));
        return rng.uniform(DataType.FLOAT, -bound, bound, fanOut, fanIn);
    }

    public static INDArray normal(Rng rng, double std, long... shape) {
        return rng.normal(DataType.FLOAT, 0, std, shape);
    }

    public static INDArray zeros(long... shape) {
        return Nd4j.zeros(DataType.FLOAT, shape);
    }

    public static INDArray ones(long... shape) {
        return Nd4j.ones(DataType.FLOAT, shape);
    }
}
