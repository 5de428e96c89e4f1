package newarch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's resident memory from {@code /proc/self/status} (Linux): VmRSS now and VmHWM, its high-water mark,
 * which writing 5 to {@code /proc/self/clear_refs} resets. ND4J allocates its arrays off the Java heap, so the
 * resident set, not the heap, is where their memory shows.
 */
final class ResidentMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ResidentMemory() {
    }

    static boolean available() {
        return Files.isReadable(STATUS);
    }

    /** VmRSS in bytes. */
    static long resident() {
        return field("VmRSS:");
    }

    /** VmHWM in bytes: the most the process has held resident since start or the last {@link #resetHighWater}. */
    static long highWater() {
        return field("VmHWM:");
    }

    /** Resets VmHWM to the current resident size; false where the kernel does not allow it. */
    static boolean resetHighWater() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Frees what is garbage and returns the resident size then. An INDArray's native buffer is released by ND4J's
     * deallocator thread only after the JVM has collected the array's Java wrapper, and a large backlog takes that
     * thread a while: collect, then wait until three readings in a row agree within 1 MiB (at most about 4 s). Two
     * quick readings were not enough: at L = 2^15 they agreed while hundreds of MB were still being released, which
     * put the baseline above the step's peak.
     */
    static long settled() {
        long last = Long.MAX_VALUE;
        int stable = 0;
        for (int i = 0; i < 40 && stable < 2; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long now = resident();
            stable = Math.abs(now - last) < (1 << 20) ? stable + 1 : 0;
            last = now;
        }
        return last;
    }

    private static long field(String name) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(name)) {
                    String[] parts = line.substring(name.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024; // reported in kB
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + STATUS + ": " + e.getMessage());
        }
        throw new IllegalStateException(STATUS + " has no " + name + " line");
    }
}
