package newarch.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Views into the time-major arrays of a recurrent sweep: one time step, one gate. */
final class TimeSteps {
    private TimeSteps() {
    }

    /** Step {@code t} of a [time, batch, features] array: a [batch, features] view (writes go through). */
    static INDArray at(INDArray sequence, long t) {
        return sequence.get(NDArrayIndex.point(t), NDArrayIndex.all(), NDArrayIndex.all());
    }

    /** Gate {@code k} of stacked gate pre-activations [batch, gates·hidden]: a [batch, hidden] view. */
    static INDArray gate(INDArray stacked, int k, long hidden) {
        return stacked.get(NDArrayIndex.all(), NDArrayIndex.interval(k * hidden, (k + 1) * hidden));
    }

    /** The time index visited at {@code step} of a sweep that runs forwards or backwards over {@code length} steps. */
    static long index(long step, long length, boolean reverse) {
        return reverse ? length - 1 - step : step;
    }
}
