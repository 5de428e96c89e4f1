package newarch.models.universal;

import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.TreeSet;
import newarch.models.SequenceToSequence;
import newarch.tensor.GradAssert;
import newarch.tensor.GradCheck;
import newarch.tensor.Reshaping;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The whole model in double on a tiny configuration (width 4, at most 3 steps): logits and ponder cost with respect to
 * every parameter. Token ids are not differentiable, so only parameters are checked. The first source row ends in
 * padding, so the masked paths are covered as well.
 */
class UniversalTransformerGradTest {

    static UniversalTransformerConfig tinyConfig(boolean adaptive) {
        UniversalTransformerConfig c = new UniversalTransformerConfig(7, 6, 4, 2, 6, 0.0, "relu", true, 1e-5, 8,
                true, 3, 0.1, 0.5);
        return adaptive ? c : c.withFixedDepth(2);
    }

    static UniversalTransformer model(boolean adaptive, long seed) {
        UniversalTransformer m = randomized(new UniversalTransformer(tinyConfig(adaptive), new Rng(seed)),
                new Rng(seed + 1), 0.5);
        m.eval();
        return m;
    }

    static final INDArray SOURCE = Nd4j.createFromArray(new long[][] {{4, 5, 0}, {6, 3, 2}});
    static final INDArray TARGET = Nd4j.createFromArray(new long[][] {{1, 4}, {1, 5}});

    /** Logits followed by the ponder cost, flattened, so the random projection weighs both. */
    private static Tensor logitsAndPonderCost(UniversalTransformer m) {
        SequenceToSequence.Output out = m.forward(SOURCE, TARGET);
        Tensor logits = out.logits().reshape(out.logits().data().length());
        return out.auxiliaryLoss() == null ? logits : Reshaping.concat(0, logits, out.auxiliaryLoss().reshape(1));
    }

    @Test
    void wholeModelWithAdaptiveComputationTime() {
        UniversalTransformer m = model(true, 600);
        m.forward(SOURCE, TARGET);
        TreeSet<Double> updates = new TreeSet<>();
        for (double n : m.lastEncoderHalting().updates().reshape(-1).toDoubleVector()) {
            updates.add(n);
        }
        for (double n : m.lastDecoderHalting().updates().reshape(-1).toDoubleVector()) {
            updates.add(n);
        }
        updates.remove(0.0); // padding
        assertTrue(updates.size() >= 2, "positions should halt at different steps: encoder N = "
                + m.lastEncoderHalting().updates() + ", decoder N = " + m.lastDecoderHalting().updates());
        assertModuleGradients(m, in -> logitsAndPonderCost(m));
    }

    /**
     * The fixed-depth model has no op of its own (the ACT check above covers every op it uses), so this checks its
     * wiring on a sample of 12 elements per parameter, which keeps it cheap on a shared machine.
     */
    @Test
    void wholeModelWithFixedDepth() {
        UniversalTransformer m = model(false, 610);
        assertNull(m.forward(SOURCE, TARGET).auxiliaryLoss(), "the fixed-depth model has no ponder cost");
        GradCheck.Result r = GradCheck.check(in -> logitsAndPonderCost(m), m.parameters(), 611, 12);
        assertTrue(r.passed(GradAssert.TOLERANCE), () -> "max relative error " + r.maxRelativeError() + " at " + r.where());
        m.namedParameters().forEach((name, p) -> assertNotNull(p.grad(), name + " got no gradient"));
    }
}
