package newarch.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Elementwise functions and their derivatives. */
public final class Elementwise {
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    private static final double GELU_CUBIC = 0.044715;

    private Elementwise() {
    }

    public static Tensor exp(Tensor t) {
        INDArray y = Transforms.exp(t.data(), true);
        return Tensor.fromOp("exp", y, g -> new INDArray[] {g.mul(y)}, t);
    }

    public static Tensor log(Tensor t) {
        return Tensor.fromOp("log", Transforms.log(t.data(), true), g -> new INDArray[] {g.div(t.data())}, t);
    }

    public static Tensor sqrt(Tensor t) {
        INDArray y = Transforms.sqrt(t.data(), true);
        return Tensor.fromOp("sqrt", y, g -> new INDArray[] {g.div(y).muli(0.5)}, t);
    }

    public static Tensor tanh(Tensor t) {
        INDArray y = Transforms.tanh(t.data(), true);
        return Tensor.fromOp("tanh", y, g -> new INDArray[] {g.mul(y.mul(y).rsubi(1))}, t);
    }

    public static Tensor sigmoid(Tensor t) {
        INDArray y = Transforms.sigmoid(t.data(), true);
        return Tensor.fromOp("sigmoid", y, g -> new INDArray[] {g.mul(y.rsub(1).muli(y))}, t);
    }

    public static Tensor relu(Tensor t) {
        INDArray x = t.data();
        INDArray y = Transforms.relu(x, true);
        return Tensor.fromOp("relu", y, g -> new INDArray[] {g.mul(x.gt(0).castTo(x.dataType()))}, t);
    }

    /** GELU with the exact Gaussian CDF: x·Φ(x) = x/2·(1 + erf(x/√2)) (PyTorch's default, BERT's "gelu"). */
    public static Tensor gelu(Tensor t) {
        INDArray x = t.data();
        INDArray cdf = erf(x.mul(1 / Math.sqrt(2))).addi(1).muli(0.5);
        INDArray y = x.mul(cdf);
        return Tensor.fromOp("gelu", y, g -> {
            INDArray pdf = Transforms.exp(x.mul(x).muli(-0.5), false).muli(INV_SQRT_2PI);
            return new INDArray[] {g.mul(cdf.add(pdf.muli(x)))};
        }, t);
    }

    /** GELU with the tanh approximation (GPT-2's and ALBERT's "gelu_new", PyTorch's approximate='tanh'). */
    public static Tensor geluTanh(Tensor t) {
        INDArray x = t.data();
        INDArray x2 = x.mul(x);
        INDArray th = Transforms.tanh(x2.mul(GELU_CUBIC).addi(1).muli(x).muli(SQRT_2_OVER_PI), false);
        INDArray y = th.add(1).muli(x).muli(0.5);
        return Tensor.fromOp("gelu_tanh", y, g -> {
            INDArray inner = x2.mul(3 * GELU_CUBIC).addi(1).muli(SQRT_2_OVER_PI);
            INDArray dtanh = th.mul(th).rsubi(1).muli(inner).muli(x).muli(0.5);
            return new INDArray[] {g.mul(th.add(1).muli(0.5).addi(dtanh))};
        }, t);
    }

    public static Tensor abs(Tensor t) {
        INDArray x = t.data();
        return Tensor.fromOp("abs", Transforms.abs(x, true), g -> new INDArray[] {g.mul(Transforms.sign(x, true))}, t);
    }

    /** The named activation of a model configuration: relu, gelu, gelu_new/gelu_tanh, tanh, sigmoid. */
    public static Tensor activation(String name, Tensor t) {
        return switch (name) {
            case "relu" -> relu(t);
            case "gelu" -> gelu(t);
            case "gelu_new", "gelu_tanh", "gelu_pytorch_tanh" -> geluTanh(t);
            case "tanh" -> tanh(t);
            case "sigmoid" -> sigmoid(t);
            default -> throw new IllegalArgumentException("activation '" + name
                    + "' is not supported: use relu, gelu, gelu_new, tanh or sigmoid");
        };
    }

    static INDArray erf(INDArray x) {
        return Nd4j.getExecutioner().exec(new Erf(x, x.ulike()));
    }
}
