package newarch.models.universal;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a recurrence over depth returns: the final state and how long each position pondered.
 *
 * @param output     [batch, len, d] the state after the last step (fixed depth) or the ACT-weighted state
 * @param ponderTime [batch, len] ρ = N + R per position, 0 at padding; R carries the gradient of the ponder cost
 *                   (N is a count and has none)
 * @param updates    [batch, len] N, the number of updates each position received (a constant)
 * @param active     [batch, len] 1 at real positions, 0 at padding
 * @param steps      recurrent steps actually taken (the largest N)
 */
public record Pondered(Tensor output, Tensor ponderTime, INDArray updates, INDArray active, int steps) {

    /** The same pondering with its output passed through {@code after} (the stack's final norm). */
    public Pondered mapOutput(UnaryOperator<Tensor> after) {
        return new Pondered(after.apply(output), ponderTime, updates, active, steps);
    }

    /** The mean of N + R over the real positions (0 when there are none): the ponder cost before its weight τ. */
    public Tensor meanPonderTime() {
        return meanPonderTime(ponderTime, active);
    }

    /**
     * The mean of ρ = N + R over the real positions (0 when there are none); τ times this is the ponder cost.
     *
     * @param ponderTime [batch, len] ρ per position
     * @param active     [batch, len] 1 at real positions, 0 at padding (padding costs nothing)
     */
    public static Tensor meanPonderTime(Tensor ponderTime, INDArray active) {
        if (!Arrays.equals(ponderTime.shape(), active.shape())) {
            throw new ShapeException("ponderTime is " + Shapes.show(ponderTime.data())
                    + " but active is " + Shapes.show(active) + ": both must be [batch, len]");
        }
        double count = active.sumNumber().doubleValue();
        return ponderTime.mul(Tensor.constant(active.castTo(ponderTime.dataType())))
                .sumAll().mul(1.0 / Math.max(1.0, count));
    }

    /** R per position: ρ − N (0 for the fixed-depth recurrence and at padding). */
    public INDArray remainders() {
        return ponderTime.data().sub(updates);
    }

    /** The values of this pass detached from the graph, for plots and logs. */
    public HaltingStatistics statistics() {
        return new HaltingStatistics(updates.dup(), remainders(), ponderTime.data().dup(), steps);
    }

    /** Halting of one pass as plain arrays ([batch, len] each); nothing here holds on to the autodiff graph. */
    public record HaltingStatistics(INDArray updates, INDArray remainders, INDArray ponderTimes, int steps) {
        /** The largest number of updates any position received. */
        public int maxUpdates() {
            return updates.length() == 0 ? 0 : updates.maxNumber().intValue();
        }

        static HaltingStatistics none() {
            return new HaltingStatistics(Nd4j.empty(), Nd4j.empty(), Nd4j.empty(), 0);
        }
    }
}
