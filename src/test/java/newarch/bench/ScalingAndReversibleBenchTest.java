package newarch.bench;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import newarch.tensor.GradMode;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of bench reversible / scaling that run in this JVM; the child-JVM runs are exercised by the CLI. */
class ScalingAndReversibleBenchTest {

    @Test
    void benchmarkOptionsAreParsedAndCheckedOnlyForDeclaredKeys(@TempDir Path tmp) {
        BenchOptions o = BenchOptions.parse(new String[] {"reversible", "--out", tmp.toString(), "--depths", "1,4,24",
            "--length=256", "--max-gb", "0.5"});
        assertEquals(List.of(1, 4, 24), o.intsOption("--depths", List.of()));
        assertEquals(256, o.intOption("--length", 512, 1));
        assertEquals(64, o.intOption("--hidden", 64, 1));
        assertEquals(0.5, o.doubleOption("--max-gb", 8), 0);
        assertEquals(List.of("all"), o.namesOption("--subjects", List.of("all")));
        assertBadInput(() -> BenchOptions.parse(new String[] {"--out", tmp.toString(), "--depth", "3"}),
                "unknown option --depth");
        BenchOptions bad = BenchOptions.parse(new String[] {"--out", tmp.toString(), "--depths", "1,x",
            "--max-gb", "-1"});
        assertBadInput(() -> bad.intsOption("--depths", List.of()), "--depths", "'x'");
        assertBadInput(() -> bad.doubleOption("--max-gb", 8), "--max-gb", "-1");
        assertTrue(Benchmarks.extraOptions().containsAll(List.of("--depths", "--length", "--hidden", "--max-log2",
                "--max-gb")));
    }

    @Test
    void powerLawFitRecoversExponentsAndCrossing() {
        double[] x = {512, 1024, 2048, 4096};
        double[] quadratic = new double[4];
        double[] linear = new double[4];
        for (int i = 0; i < 4; i++) {
            quadratic[i] = 1e-6 * x[i] * x[i];
            linear[i] = 2e-3 * x[i];
        }
        PowerLawFit q = PowerLawFit.fit(x, quadratic);
        PowerLawFit l = PowerLawFit.fit(x, linear);
        assertEquals(2, q.exponent(), 1e-12);
        assertEquals(1, l.exponent(), 1e-12);
        assertEquals(2000, q.crossing(l), 1e-6); // 1e-6 L² = 2e-3 L at L = 2000
        // Skipped (NaN) points are left out; fewer than two points give no fit.
        PowerLawFit partial = PowerLawFit.fit(x, new double[] {quadratic[0], quadratic[1], Double.NaN, Double.NaN});
        assertEquals(2, partial.points());
        assertEquals(2, partial.exponent(), 1e-12);
        assertTrue(Double.isNaN(PowerLawFit.fit(x, new double[] {1, Double.NaN, Double.NaN, Double.NaN}).exponent()));
    }

    @Test
    void fullAttentionAt2To16IsOverTheDefaultBudgetAndLshIsNot() {
        ScalingSubject full = ScalingSubjects.named("full");
        ScalingSubject lsh = ScalingSubjects.named("lsh");
        assertTrue(full.estimatedBytes(1 << 16, 64) > 8e9);  // the [L, L] scores alone are 16 GiB
        assertTrue(full.estimatedBytes(1 << 14, 64) < 8e9);
        assertTrue(lsh.estimatedBytes(1 << 16, 64) < 1e9);
        assertEquals(16, LshAttentionSubject.buckets(512));
        assertEquals(2, LshAttentionSubject.buckets(64));
        assertBadInput(() -> ScalingSubjects.named("windowed"), "unknown scaling subject", "full", "lsh");
    }

    @Test
    void rseRunsTo2To20ForwardOnlyWithinTheDefaultBudget() {
        ScalingSubject training = ScalingSubjects.named("rse");
        ScalingSubject inference = ScalingSubjects.named("rse-forward");
        assertEquals(20, inference.longestLog2());
        assertEquals(16, ScalingSubjects.named("lsh").longestLog2());
        assertTrue(inference.estimatedBytes(1 << 20, 64) < 1e9);
        assertTrue(training.estimatedBytes(1 << 20, 64) > 8e9);   // every switch layer keeps its activations
        assertTrue(training.estimatedBytes(1 << 16, 64) < 2e9);   // measured 1.25 GB
        assertTrue(inference.prepare(64, 8, 1).forwardOnly());
    }

    @Test
    void subjectsRunForwardAndBackwardAtASmallLength() {
        for (ScalingSubject s : ScalingSubjects.all()) {
            ScalingSubject.Step step = s.prepare(128, 8, 1);
            Tensor out;
            try (GradMode ignored = GradMode.on()) {
                out = step.forward();
            }
            assertEquals(128, out.size(1), s.name());
            out.backward(org.nd4j.linalg.factory.Nd4j.onesLike(out.data()));
            assertTrue(step.leaves().stream().allMatch(t -> t.grad() != null), s.name() + ": every leaf has a gradient");
        }
    }

    @Test
    void peakSamplerCountsWhatIsHeldLiveNotWhatWasDropped() {
        if (!ResidentMemory.available()) {
            return;
        }
        // In a JVM that already ran other tests, the allocator may hand back pages it kept from freed arrays, and the
        // resident size does not move (the bench itself measures in a fresh JVM for that reason): then skip.
        long before = ResidentMemory.settled();
        org.nd4j.linalg.api.ndarray.INDArray probe = org.nd4j.linalg.factory.Nd4j.ones(
                org.nd4j.linalg.api.buffer.DataType.FLOAT, 16 << 20);
        org.junit.jupiter.api.Assumptions.assumeTrue(ResidentMemory.settled() - before > 48L << 20,
                "this JVM reuses freed pages: resident size cannot show a new array here");
        probe.close();
        PeakSampler sampler = new PeakSampler();
        org.nd4j.linalg.api.ndarray.INDArray held = org.nd4j.linalg.factory.Nd4j.ones(
                org.nd4j.linalg.api.buffer.DataType.FLOAT, 16 << 20); // 64 MiB, touched
        sampler.sample();
        assertTrue(sampler.peakAboveBaseline() > 48L << 20, () -> "peak " + sampler.peakAboveBaseline());
        assertEquals(1.0, held.getDouble(0), 0);
    }
}
