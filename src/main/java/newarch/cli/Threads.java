package newarch.cli;

import org.nd4j.linalg.factory.Nd4j;

/**
 * How many threads ND4J's native ops may use. Small models run hundreds of tiny ops per step; splitting each over
 * OpenMP threads costs more than it saves, and on a busy machine threads that spin-wait for each other made a
 * training step of transformer-tiny about ten times slower (measured here under load). So training defaults to one
 * thread unless {@code OMP_NUM_THREADS} says otherwise or {@code --threads} asks for more.
 */
final class Threads {
    private Threads() {
    }

    /** @param requested the --threads value, or null for the default */
    static void limit(Integer requested) {
        if (requested == null && System.getenv("OMP_NUM_THREADS") != null) {
            return;
        }
        int n = requested == null ? 1 : requested;
        Nd4j.getEnvironment().setMaxThreads(n);
        Nd4j.getEnvironment().setMaxMasterThreads(n);
        // OpenBLAS keeps its own pool, which the two settings above do not reach; it is the one that spins.
        Nd4j.factory().blas().setMaxThreads(n);
    }
}
