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
     * deallocator thread after the JVM has collected the array's Java wrapper, so: collect, give that thread a moment,
     * collect again.
     */
    static long settled() {
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) { // until two readings agree within 256 KiB
            System.gc();
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long now = resident();
            if (Math.abs(now - last) < (256 << 10)) {
                return now;
            }
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
