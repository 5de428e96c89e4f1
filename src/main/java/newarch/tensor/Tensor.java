package newarch.tensor;

import java.util.Arrays;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A node of the reverse-mode autodiff graph: an {@link INDArray} value, the tensors it was computed from,
 * and a rule that turns the gradient of this value into gradients of those parents.
 *
 * <p>Leaves made with {@link #parameter} accumulate {@link #grad()} across {@link #backward} calls until
 * {@link #zeroGrad()}; intermediate tensors never keep a gradient, so a backward pass frees them as it goes.
 * The fluent methods below are a thin facade over the op classes of this package.
 */
public final class Tensor {
    private INDArray data;
    private INDArray grad;
    private final boolean requiresGrad;
    private final Tensor[] parents;
    private final Function<INDArray, INDArray[]> backwardRule;
    private final String op;
    private String name;

    private Tensor(INDArray data, boolean requiresGrad, Tensor[] parents, Function<INDArray, INDArray[]> rule, String op) {
        this.data = data;
        this.requiresGrad = requiresGrad;
        this.parents = parents;
        this.backwardRule = rule;
        this.op = op;
    }

    /** A constant: no gradient flows into it. */
    public static Tensor constant(INDArray data) {
        return new Tensor(data, false, new Tensor[0], null, "constant");
    }

    /** A trainable leaf whose gradient is accumulated by {@link #backward}. */
    public static Tensor parameter(INDArray data) {
        return new Tensor(data, true, new Tensor[0], null, "parameter");
    }

    /**
     * The result of an op. It joins the graph only when gradients are enabled and some parent needs one;
     * otherwise it is a constant and the rule is dropped, which is what makes {@link GradMode#off()} cheap.
     *
     * @param rule maps the gradient of the result to one gradient per parent (null entries for parents that
     *             need none); it is called at most once.
     */
    public static Tensor fromOp(String op, INDArray value, Function<INDArray, INDArray[]> rule, Tensor... parents) {
        boolean needsGrad = false;
        if (GradMode.isEnabled()) {
            for (Tensor p : parents) {
                needsGrad |= p.requiresGrad;
            }
        }
        return needsGrad ? new Tensor(value, true, parents, rule, op) : new Tensor(value, false, new Tensor[0], null, op);
    }

    public static Tensor scalar(double value, DataType type) {
        return constant(Nd4j.scalar(type, value));
    }

    public INDArray data() {
        return data;
    }

    /** Replaces the value of a leaf in place (used by optimisers and checkpoint loading); the shape must not change. */
    public void setData(INDArray value) {
        if (parents.length != 0) {
            throw new IllegalStateException("setData is only for leaves, not for the result of " + op);
        }
        if (!Arrays.equals(value.shape(), data.shape())) {
            throw new IllegalArgumentException(
                    describe() + " is " + Shapes.show(data) + " but the new value is " + Shapes.show(value));
        }
        this.data = value;
    }

    public INDArray grad() {
        return grad;
    }

    public void zeroGrad() {
        grad = null;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    boolean isLeaf() {
        return parents.length == 0;
    }

    Tensor[] parents() {
        return parents;
    }

    INDArray[] applyRule(INDArray gradient) {
        return backwardRule.apply(gradient);
    }

    void accumulateGrad(INDArray g) {
        grad = grad == null ? g.dup() : grad.addi(g);
    }

    public String op() {
        return op;
    }

    /** An optional name used in error messages ("q", "layers.0.linear1.weight"). */
    public Tensor named(String newName) {
        this.name = newName;
        return this;
    }

    public String name() {
        return name;
    }

    /** The tensor's name, or the given role when it has none ("a is [2,3] but b is [4]"). */
    String label(String role) {
        return name != null ? name : role;
    }

    String describe() {
        return name != null ? name : op;
    }

    public long[] shape() {
        return data.shape();
    }

    public long size(int dim) {
        return data.size(dim < 0 ? dim + data.rank() : dim);
    }

    public int rank() {
        return data.rank();
    }

    public DataType dataType() {
        return data.dataType();
    }

    /** Back-propagates from a scalar (or any single-element) result, as if its gradient were 1. */
    public void backward() {
        if (data.length() != 1) {
            throw new IllegalArgumentException("backward() without a gradient needs a single-element result, but "
                    + describe() + " is " + Shapes.show(data) + ": pass the upstream gradient");
        }
        backward(Nd4j.onesLike(data));
    }

    /** Back-propagates {@code upstream}, the gradient of some loss with respect to this tensor. */
    public void backward(INDArray upstream) {
        Autograd.backward(this, upstream);
    }

    /** The same value, cut off from the graph. */
    public Tensor detach() {
        return constant(data);
    }

    // ---- fluent facade ----
    public Tensor add(Tensor o) { return Arithmetic.add(this, o); }
    public Tensor sub(Tensor o) { return Arithmetic.sub(this, o); }
    public Tensor mul(Tensor o) { return Arithmetic.mul(this, o); }
    public Tensor div(Tensor o) { return Arithmetic.div(this, o); }
    public Tensor add(double c) { return Arithmetic.addScalar(this, c); }
    public Tensor mul(double c) { return Arithmetic.mulScalar(this, c); }
    public Tensor neg() { return Arithmetic.mulScalar(this, -1); }
    public Tensor pow(double p) { return Arithmetic.pow(this, p); }
    public Tensor matmul(Tensor o) { return MatMul.matmul(this, o); }
    public Tensor reshape(long... shape) { return Reshaping.reshape(this, shape); }
    public Tensor permute(int... axes) { return Reshaping.permute(this, axes); }
    public Tensor transpose(int a, int b) { return Reshaping.transpose(this, a, b); }
    public Tensor slice(int axis, long from, long to) { return Reshaping.slice(this, axis, from, to); }
    public Tensor sum(int... axes) { return Reductions.sum(this, false, axes); }
    public Tensor sumKeepDims(int... axes) { return Reductions.sum(this, true, axes); }
    public Tensor mean(int... axes) { return Reductions.mean(this, false, axes); }
    public Tensor meanKeepDims(int... axes) { return Reductions.mean(this, true, axes); }
    public Tensor sumAll() { return Reductions.sumAll(this); }
    public Tensor meanAll() { return Reductions.meanAll(this); }
    public Tensor exp() { return Elementwise.exp(this); }
    public Tensor log() { return Elementwise.log(this); }
    public Tensor tanh() { return Elementwise.tanh(this); }
    public Tensor sigmoid() { return Elementwise.sigmoid(this); }
    public Tensor relu() { return Elementwise.relu(this); }
    public Tensor gelu() { return Elementwise.gelu(this); }
    public Tensor sqrt() { return Elementwise.sqrt(this); }
    public Tensor softmax(int axis) { return Softmax.softmax(this, axis); }
    public Tensor logSoftmax(int axis) { return Softmax.logSoftmax(this, axis); }

    @Override
    public String toString() {
        return "Tensor" + (name != null ? "(" + name + ")" : "") + Shapes.show(data) + " " + dataType()
                + (requiresGrad ? " requiresGrad" : "") + "\n" + data;
    }
}
