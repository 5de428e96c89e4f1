package newarch.attention;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A pool of attention's large temporary arrays (the {@code [..., L, S]} scores and their gradient, the packed
 * projection before its head split), reused across calls.
 *
 * <p>Why: a fresh 64 MB array (B=8, 8 heads, L=512) costs more than the product that fills it, because the
 * operating system maps and zeroes every page on first touch (measured on one core: QKᵀ into a fresh array 96 ms,
 * into a reused one 37 ms). ND4J frees an array only when the JVM collects its small wrapper, which may be many
 * steps later, so without a pool every step pays for new pages twice (scores and their gradient).
 *
 * <p>Contract: an array {@link #give given back} must no longer be referenced by its owner; {@link #take} hands
 * it out with arbitrary contents. At most {@link #MAX_BYTES} are kept; shapes not used recently are dropped first.
 */
final class ScratchArrays {
    /** Enough for the temporaries of a few layers at benchmark sizes, small next to a training run's footprint. */
    static final long MAX_BYTES = 1L << 30;
    private static final Map<String, ArrayDeque<INDArray>> FREE = new HashMap<>();
    private static long bytes;

    private ScratchArrays() {
    }

    /** An array of this type and shape (c order), reused when one is free, else new; its contents are arbitrary. */
    static synchronized INDArray take(DataType type, long[] shape) {
        ArrayDeque<INDArray> free = FREE.get(key(type, shape));
        if (free == null || free.isEmpty()) {
            return Nd4j.createUninitialized(type, shape);
        }
        INDArray a = free.pop();
        bytes -= sizeOf(a);
        return a;
    }

    /** Returns an array obtained from {@link #take} once nothing refers to it any more. */
    static synchronized void give(INDArray a) {
        long size = sizeOf(a);
        if (size > MAX_BYTES) {
            return;
        }
        String key = key(a.dataType(), a.shape());
        if (bytes + size > MAX_BYTES) {
            // Other shapes belong to an earlier workload (another batch size or length): let the JVM free them.
            FREE.keySet().removeIf(k -> !k.equals(key));
            bytes = FREE.containsKey(key) ? FREE.get(key).stream().mapToLong(ScratchArrays::sizeOf).sum() : 0;
            if (bytes + size > MAX_BYTES) {
                return;
            }
        }
        FREE.computeIfAbsent(key, k -> new ArrayDeque<>()).push(a);
        bytes += size;
    }

    /** Bytes currently held (for tests). */
    static synchronized long heldBytes() {
        return bytes;
    }

    private static String key(DataType type, long[] shape) {
        return type + Arrays.toString(shape);
    }

    private static long sizeOf(INDArray a) {
        return a.length() * a.dataType().width();
    }
}
