package newarch.models.reformer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import newarch.tensor.GradMode;
import newarch.tensor.Reshaping;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A stack of {@link ReversibleStep}s as one autodiff op whose memory does not grow with depth (Reformer §3).
 *
 * <p>The forward pass runs with gradient recording off and keeps only the final outputs [Y₁, Y₂]. The backward pass
 * walks the layers from the top, and for each layer rebuilds what it needs from the layer's outputs:
 * <pre>
 *   g(Y₁) recomputed with a graph, backward with ∂L/∂Y₂ → ∂L/∂Y₁ += its input gradient;  X₂ = Y₂ − g(Y₁)
 *   f(X₂) recomputed with a graph, backward with ∂L/∂Y₁ → ∂L/∂X₂ = ∂L/∂Y₂ + its input gradient;  X₁ = Y₁ − f(X₂)
 * </pre>
 * and ∂L/∂X₁ = ∂L/∂Y₁. Only one layer's graph exists at any time. The parameters of f and g receive their gradients
 * from those inner backward passes directly (they are leaves, which accumulate); the op lists them as parents only
 * so that its result takes part in the graph whenever a parameter needs a gradient.
 */
public final class ReversibleBlock {
    private ReversibleBlock() {
    }

    /**
     * @param x1         the first stream [..., D] (Hugging Face's {@code attn_output})
     * @param x2         the second stream [..., D] ({@code hidden_states})
     * @param parameters every parameter that f or g of any step uses
     * @return [Y₁, Y₂] concatenated along the last axis: [..., 2D]
     */
    public static Tensor forward(List<ReversibleStep> steps, Tensor x1, Tensor x2, List<Tensor> parameters) {
        requireSameShape(x1, x2);
        INDArray y1;
        INDArray y2;
        try (GradMode ignored = GradMode.off()) {
            Tensor a = Tensor.constant(x1.data());
            Tensor b = Tensor.constant(x2.data());
            for (ReversibleStep step : steps) {
                a = a.add(step.f().apply(b));
                b = b.add(step.g().apply(a));
            }
            y1 = a.data();
            y2 = b.data();
        }
        int axis = x1.rank() - 1;
        long width = x1.size(axis);
        INDArray out = Nd4j.concat(axis, y1, y2);
        List<Tensor> parents = new ArrayList<>(List.of(x1, x2));
        parents.addAll(parameters);
        return Tensor.fromOp("reversible", out, g -> {
            INDArray[] grads = new INDArray[parents.size()];
            INDArray[] x = backward(steps, y1, y2, half(g, axis, 0, width), half(g, axis, width, 2 * width));
            grads[0] = x[0];
            grads[1] = x[1];
            return grads;
        }, parents.toArray(new Tensor[0]));
    }

    /**
     * The same function composed from ordinary ops, every activation stored: the reference the reversible backward
     * pass must agree with.
     */
    public static Tensor forwardStored(List<ReversibleStep> steps, Tensor x1, Tensor x2) {
        requireSameShape(x1, x2);
        Tensor a = x1;
        Tensor b = x2;
        for (ReversibleStep step : steps) {
            a = a.add(step.f().apply(b));
            b = b.add(step.g().apply(a));
        }
        return Reshaping.concat(x1.rank() - 1, a, b);
    }

    /** Gradients with respect to X₁ and X₂ from the outputs and their gradients, layer by layer from the top. */
    private static INDArray[] backward(List<ReversibleStep> steps, INDArray y1, INDArray y2, INDArray gy1,
                                       INDArray gy2) {
        INDArray outA = y1;
        INDArray outB = y2;
        INDArray gA = gy1.dup();
        INDArray gB = gy2.dup();
        try (GradMode ignored = GradMode.on()) {
            for (int i = steps.size() - 1; i >= 0; i--) {
                ReversibleStep step = steps.get(i);
                Tensor a = Tensor.parameter(outA);                 // Y₁ as a leaf that collects ∂g/∂Y₁
                Tensor gOut = step.g().apply(a);
                gOut.backward(gB);
                INDArray inB = outB.sub(gOut.data());              // X₂ = Y₂ − g(Y₁)
                gA.addi(a.grad());                                 // ∂L/∂Y₁ in full
                Tensor b = Tensor.parameter(inB);                  // X₂ as a leaf that collects ∂f/∂X₂
                Tensor fOut = step.f().apply(b);
                fOut.backward(gA);
                INDArray inA = outA.sub(fOut.data());              // X₁ = Y₁ − f(X₂)
                gB.addi(b.grad());                                 // ∂L/∂X₂ = ∂L/∂Y₂ + f's share
                outA = inA;
                outB = inB;
            }
        }
        return new INDArray[] {gA, gB};
    }

    private static INDArray half(INDArray g, int axis, long from, long to) {
        INDArrayIndex[] idx = new INDArrayIndex[g.rank()];
        Arrays.fill(idx, NDArrayIndex.all());
        idx[axis] = NDArrayIndex.interval(from, to);
        return g.get(idx).dup('c');
    }

    private static void requireSameShape(Tensor x1, Tensor x2) {
        if (!Arrays.equals(x1.shape(), x2.shape())) {
            throw new ShapeException("reversible block: x1 is " + Shapes.show(x1.data()) + " but x2 is "
                    + Shapes.show(x2.data()) + ": the two streams must have the same shape");
        }
    }
}
