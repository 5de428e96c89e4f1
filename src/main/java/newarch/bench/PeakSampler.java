package newarch.bench;

/**
 * The peak of live memory during a training step, sampled at chosen points (after each layer's f and g, after the
 * forward pass, after the backward pass): each sample frees all garbage first ({@link ResidentMemory#settled}), so it
 * counts only what the step still holds (activations kept for backward, gradients), not what it has dropped and
 * the JVM has not collected yet. The peak is reported above the resident size just before the step.
 */
final class PeakSampler {
    private final long baseline;
    private long peak;
    private int samples;

    PeakSampler() {
        this.baseline = ResidentMemory.settled();
        this.peak = baseline;
    }

    void sample() {
        peak = Math.max(peak, ResidentMemory.settled());
        samples++;
    }

    long baseline() {
        return baseline;
    }

    /** Peak live bytes above the baseline. */
    long peakAboveBaseline() {
        return peak - baseline;
    }

    int samples() {
        return samples;
    }
}
