package newarch.models.shuffle;

import newarch.nn.Module;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;

/**
 * A switch layer: one switch unit applied to every adjacent pair of positions (2j, 2j+1) of {@code [batch, n, m]},
 * with the same weights for all pairs. Pairs are taken by a reshape to {@code [batch, n/2, 2m]}, so the unit sees the
 * concatenation [x_2j, x_2j+1] and the whole layer is a handful of matmuls over n/2 rows: O(n) work per layer.
 *
 * <p>{@link #applications()} counts the pairs processed per sequence (n/2 per call), so that tests can verify the
 * O(n log n) cost of a whole network by counting rather than by timing.
 */
public abstract class SwitchUnit extends Module {
    private final int m;
    private long applications;

    protected SwitchUnit(int m) {
        if (m < 1) {
            throw new IllegalArgumentException("switch unit: m is " + m + " but must be positive");
        }
        this.m = m;
    }

    /** Applies the unit to every pair: [batch, n, m] → [batch, n, m]. */
    public final Tensor forward(Tensor x) {
        ShuffleLayer.requirePositions(getClass().getSimpleName(), x);
        if (x.size(2) != m) {
            throw new ShapeException(getClass().getSimpleName() + ": input is " + Shapes.show(x.data())
                    + " but its last dimension must be m = " + m);
        }
        long b = x.size(0);
        long n = x.size(1);
        applications += n / 2;
        Tensor pairs = x.reshape(b, n / 2, 2L * m);        // [batch, n/2, 2m]: row j is [x_2j, x_2j+1]
        return exchange(pairs).reshape(b, n, m);
    }

    /** The unit itself on all pairs at once: [batch, n/2, 2m] → [batch, n/2, 2m]. */
    protected abstract Tensor exchange(Tensor pairs);

    public int m() {
        return m;
    }

    /** Pairs processed since construction or {@link #resetApplications()}, per sequence of the batch. */
    public long applications() {
        return applications;
    }

    public void resetApplications() {
        applications = 0;
    }
}
