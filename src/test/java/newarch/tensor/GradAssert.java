package newarch.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import newarch.nn.Module;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Shared helpers for finite-difference gradient checks in double precision. */
public final class GradAssert {
    public static final double TOLERANCE = 1e-6;
    private static final long PROJECTION_SEED = 20240607L;

    private GradAssert() {
    }

    /** A DOUBLE parameter drawn from N(0, 1). */
    public static Tensor normal(Rng rng, long... shape) {
        return Tensor.parameter(rng.normal(DataType.DOUBLE, 0, 1, shape));
    }

    /** A DOUBLE parameter with entries in [0.5, ∞): safe for log, sqrt and negative powers. */
    public static Tensor positive(Rng rng, long... shape) {
        return Tensor.parameter(Transforms.abs(rng.normal(DataType.DOUBLE, 0, 1, shape), false).addi(0.5));
    }

    /** A DOUBLE parameter with |x| ≥ 0.2: away from the kinks of relu and abs and from the poles of 1/x. */
    public static Tensor awayFromZero(Rng rng, long... shape) {
        INDArray x = rng.normal(DataType.DOUBLE, 0, 1, shape);
        INDArray sign = x.gte(0).castTo(DataType.DOUBLE).muli(2).subi(1);
        return Tensor.parameter(Transforms.abs(x, false).addi(0.2).muli(sign));
    }

    /**
     * Converts {@code module} to DOUBLE and redraws every parameter from N(0, std²), so that zero biases and unit
     * norm weights of a fresh module do not hide a wrong gradient.
     */
    public static <M extends Module> M randomized(M module, Rng rng, double std) {
        module.to(DataType.DOUBLE);
        for (Tensor p : module.parameters()) {
            p.setData(rng.normal(DataType.DOUBLE, 0, std, p.shape()));
        }
        return module;
    }

    /**
     * Compares the backward pass of {@code f} with central differences for every input, asserts the worst relative
     * error is within {@link #TOLERANCE}, and that the backward pass reached every input.
     */
    public static GradCheck.Result assertGradients(Function<List<Tensor>, Tensor> f, List<Tensor> inputs) {
        GradCheck.Result r = GradCheck.check(f, inputs, PROJECTION_SEED);
        assertTrue(r.passed(TOLERANCE),
                () -> "max relative error " + r.maxRelativeError() + " > " + TOLERANCE + " at " + r.where());
        // GradCheck skips NaN errors (NaN > worst is false), so a NaN output or gradient would pass: rule it out here.
        try (GradMode ignored = GradMode.off()) {
            INDArray out = f.apply(inputs).data();
            assertFalse(BooleanIndexing.or(out, Conditions.isNan()), "the checked function returned NaN");
        }
        for (int i = 0; i < inputs.size(); i++) {
            INDArray g = inputs.get(i).grad();
            assertNotNull(g, "backward() gave input " + i + " no gradient");
            assertFalse(BooleanIndexing.or(g, Conditions.isNan()), "the gradient of input " + i + " has NaN");
        }
        return r;
    }

    public static GradCheck.Result assertGradients(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        return assertGradients(f, List.of(inputs));
    }

    /**
     * Gradient check of a module with respect to the given inputs AND every parameter of the module: the inputs come
     * first in the list passed to {@code f}, then {@code module.parameters()} (perturbed in place by GradCheck).
     */
    public static GradCheck.Result assertModuleGradients(Module module, Function<List<Tensor>, Tensor> f,
                                                         Tensor... inputs) {
        List<Tensor> all = new ArrayList<>(List.of(inputs));
        for (Tensor p : module.parameters()) {
            assertEquals(DataType.DOUBLE, p.dataType(), "module parameter " + p.name() + " was not converted");
            all.add(p);
        }
        return assertGradients(f, all);
    }
}
