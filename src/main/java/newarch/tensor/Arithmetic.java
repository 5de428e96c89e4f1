package newarch.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import java.util.function.BiFunction;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Elementwise binary arithmetic with explicit broadcasting, and scalar variants. */
public final class Arithmetic {
    private Arithmetic() {
    }

    public static Tensor add(Tensor a, Tensor b) {
        check("add", a, b);
        INDArray value = plus(a.data(), b.data());
        return Tensor.fromOp("add", value,
                g -> new INDArray[] {Broadcast.reduceTo(g, a.shape()), Broadcast.reduceTo(g, b.shape())}, a, b);
    }

    public static Tensor sub(Tensor a, Tensor b) {
        check("sub", a, b);
        INDArray value = minus(a.data(), b.data());
        return Tensor.fromOp("sub", value,
                g -> new INDArray[] {Broadcast.reduceTo(g, a.shape()), Broadcast.reduceTo(g.neg(), b.shape())}, a, b);
    }

    public static Tensor mul(Tensor a, Tensor b) {
        check("mul", a, b);
        INDArray value = times(a.data(), b.data());
        return Tensor.fromOp("mul", value, g -> new INDArray[] {
            a.requiresGrad() ? Broadcast.reduceTo(times(g, b.data()), a.shape()) : null,
            b.requiresGrad() ? Broadcast.reduceTo(times(g, a.data()), b.shape()) : null}, a, b);
    }

    public static Tensor div(Tensor a, Tensor b) {
        check("div", a, b);
        INDArray value = quotient(a.data(), b.data());
        return Tensor.fromOp("div", value, g -> new INDArray[] {
            a.requiresGrad() ? Broadcast.reduceTo(quotient(g, b.data()), a.shape()) : null,
            // d(a/b)/db = -(a/b)/b
            b.requiresGrad() ? Broadcast.reduceTo(quotient(times(g, value), b.data()).negi(), b.shape()) : null}, a, b);
    }

    public static Tensor addScalar(Tensor a, double c) {
        return Tensor.fromOp("add", a.data().add(c), g -> new INDArray[] {g}, a);
    }

    public static Tensor mulScalar(Tensor a, double c) {
        return Tensor.fromOp("mul", a.data().mul(c), g -> new INDArray[] {g.mul(c)}, a);
    }

    public static Tensor pow(Tensor a, double p) {
        INDArray value = Transforms.pow(a.data(), p, true);
        return Tensor.fromOp("pow", value,
                g -> new INDArray[] {g.mul(Transforms.pow(a.data(), p - 1, true).muli(p))}, a);
    }

    /** Elementwise product of arrays with broadcasting (no graph); likewise quotient, minus and plus. */
    static INDArray times(INDArray x, INDArray y) {
        return pairwise("mul", x, y, MulOp::new);
    }

    static INDArray quotient(INDArray x, INDArray y) {
        return pairwise("div", x, y, DivOp::new);
    }

    static INDArray minus(INDArray x, INDArray y) {
        return pairwise("sub", x, y, SubOp::new);
    }

    static INDArray plus(INDArray x, INDArray y) {
        return pairwise("add", x, y, AddOp::new);
    }

    /** Runs one of ND4J's broadcasting pairwise ops into a new array of the broadcast shape. */
    private static INDArray pairwise(String name, INDArray x, INDArray y,
                                     BiFunction<INDArray[], INDArray[], DynamicCustomOp> op) {
        long[] out = Broadcast.shape(name, "x", x.shape(), "y", y.shape());
        return Nd4j.exec(op.apply(new INDArray[] {x, y},
                new INDArray[] {Nd4j.createUninitialized(x.dataType(), out)}))[0];
    }

    /** Checks types and shapes with the tensors' own names, before the arrays are touched. */
    private static void check(String op, Tensor a, Tensor b) {
        Shapes.requireSameType(op + ": a", a.data(), "b", b.data());
        Broadcast.shape(op, a.label("a"), a.shape(), b.label("b"), b.shape());
    }
}
