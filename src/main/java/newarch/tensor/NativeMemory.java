package newarch.tensor;

import org.bytedeco.javacpp.Pointer;

/**
 * Keeps ND4J's off-heap memory in check during long loops. An {@link org.nd4j.linalg.api.ndarray.INDArray}'s native
 * buffer is freed only after the JVM collects its small Java wrapper, and a training step makes hundreds of
 * megabytes of native garbage but little Java garbage, so the JVM may not collect for thousands of steps: a
 * transformer-tiny run reached 19.6 GB and was killed by the kernel's OOM killer. Calling
 * {@link #collectIfGrown()} once per step (or per evaluation batch) asks for a collection whenever the process has
 * grown by more than {@link #BUDGET_BYTES} since the last one; reading the resident size costs microseconds.
 */
public final class NativeMemory {
    /** Growth of the resident set allowed between collections. */
    public static final long BUDGET_BYTES = 1L << 30;
    private static long afterLastCollection = -1;
    private static long collections;

    private NativeMemory() {
    }

    /** Collects garbage if the process grew by more than the budget since the last collection. */
    public static synchronized void collectIfGrown() {
        long now = Pointer.physicalBytes();
        if (afterLastCollection < 0) {
            afterLastCollection = now;
        }
        if (now - afterLastCollection > BUDGET_BYTES) {
            System.gc();
            collections++;
            afterLastCollection = Pointer.physicalBytes();
        }
    }

    /** How many collections {@link #collectIfGrown()} asked for (for tests and logs). */
    public static synchronized long collections() {
        return collections;
    }
}
