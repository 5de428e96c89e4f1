package newarch.grading;

/**
 * Limits for one submission's JVM. The defaults fit a 2-core, few-GB grading container; a notebook that
 * needs more is doing something an assignment does not ask for.
 */
public record SandboxLimits(long cellTimeoutMs, long probeTimeoutMs, long totalTimeoutMs, int heapMb,
                            int nativeMb, int outputBytesPerCell) {
    public static SandboxLimits defaults() {
        return new SandboxLimits(60_000, 20_000, 300_000, 768, 1536, 4000);
    }

    public SandboxLimits withTotalTimeout(long ms) {
        return new SandboxLimits(Math.min(cellTimeoutMs, ms), Math.min(probeTimeoutMs, ms), ms, heapMb, nativeMb,
                outputBytesPerCell);
    }
}
