package newarch.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Helpers for the time loop of a recurrent sweep. The loop runs a handful of small ND4J ops per step, so it keeps
 * their number down: per-step results are kept in Java arrays and stacked once at the end, and nothing broadcasts
 * inside the loop (broadcasting ops cost far more per call than same-shape ones).
 */
final class TimeSteps {
    private TimeSteps() {
    }

    /** Step {@code t} of a [time, batch, features] array: a [batch, features] view. */
    static INDArray at(INDArray sequence, long t) {
        return sequence.get(NDArrayIndex.point(t), NDArrayIndex.all(), NDArrayIndex.all());
    }

    /** Columns {@code [from·hidden, to·hidden)} of stacked gates [batch, gates·hidden]: gates from..to−1, a view. */
    static INDArray gates(INDArray stacked, int from, int to, long hidden) {
        return stacked.get(NDArrayIndex.all(), NDArrayIndex.interval(from * hidden, to * hidden));
    }

    /** Gate {@code k} of stacked gates [batch, gates·hidden]: a [batch, hidden] view. */
    static INDArray gate(INDArray stacked, int k, long hidden) {
        return gates(stacked, k, k + 1, hidden);
    }

    /** The time index visited at {@code step} of a sweep that runs forwards or backwards over {@code length} steps. */
    static long index(long step, long length, boolean reverse) {
        return reverse ? length - 1 - step : step;
    }

    /** Per-step arrays [batch, width] (indexed by time), plus any extra ones, stacked into [steps + extra, batch, width]. */
    static INDArray stack(INDArray[] perStep, INDArray... extra) {
        INDArray[] all = new INDArray[perStep.length + extra.length];
        System.arraycopy(perStep, 0, all, 0, perStep.length);
        System.arraycopy(extra, 0, all, perStep.length, extra.length);
        long batch = all[0].size(0);
        long width = all[0].size(1);
        return Nd4j.concat(0, all).reshape('c', all.length, batch, width);
    }

    /** Per-step arrays [batch, width] stacked into rows [steps·batch, width], for one weight-gradient product. */
    static INDArray rows(INDArray[] perStep) {
        return Nd4j.concat(0, perStep);
    }

    /** The bias repeated for every row of the batch, added to each step as an array of the same shape. */
    static INDArray perRow(INDArray bias, long batch) {
        return bias == null ? null : bias.reshape(1, bias.length()).repeat(0, batch);
    }
}
