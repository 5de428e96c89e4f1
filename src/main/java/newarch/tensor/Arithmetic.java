package newarch.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Elementwise binary arithmetic with explicit broadcasting, and scalar variants. */
public final class Arithmetic {
    private Arithmetic() {
    }

    public static Tensor add(Tensor a, Tensor b) {
        long[] out = check("add", a, b);
        INDArray value = exec(new AddOp(new INDArray[] {a.data(), b.data()}, new INDArray[] {alloc(a, out)}));
        return Tensor.fromOp("add", value,
                g -> new INDArray[] {Broadcast.reduceTo(g, a.shape()), Broadcast.reduceTo(g, b.shape())}, a, b);
    }

    public static Tensor sub(Tensor a, Tensor b) {
        long[] out = check("sub", a, b);
        INDArray value = exec(new SubOp(new INDArray[] {a.data(), b.data()}, new INDArray[] {alloc(a, out)}));
        return Tensor.fromOp("sub", value,
                g -> new INDArray[] {Broadcast.reduceTo(g, a.shape()), Broadcast.reduceTo(g.neg(), b.shape())}, a, b);
    }

    public static Tensor mul(Tensor a, Tensor b) {
        long[] out = check("mul", a, b);
        INDArray value = exec(new MulOp(new INDArray[] {a.data(), b.data()}, new INDArray[] {alloc(a, out)}));
        return Tensor.fromOp("mul", value, g -> new INDArray[] {
            a.requiresGrad() ? Broadcast.reduceTo(times(g, b.data()), a.shape()) : null,
            b.requiresGrad() ? Broadcast.reduceTo(times(g, a.data()), b.shape()) : null}, a, b);
    }

    public static Tensor div(Tensor a, Tensor b) {
        long[] out = check("div", a, b);
        INDArray value = exec(new DivOp(new INDArray[] {a.data(), b.data()}, new INDArray[] {alloc(a, out)}));
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

    /** Elementwise product of arrays with broadcasting (no graph). */
    static INDArray times(INDArray x, INDArray y) {
        long[] out = Broadcast.shape("mul", "x", x.shape(), "y", y.shape());
        return exec(new MulOp(new INDArray[] {x, y}, new INDArray[] {Nd4j.createUninitialized(x.dataType(), out)}));
    }

    static INDArray quotient(INDArray x, INDArray y) {
        long[] out = Broadcast.shape("div", "x", x.shape(), "y", y.shape());
        return exec(new DivOp(new INDArray[] {x, y}, new INDArray[] {Nd4j.createUninitialized(x.dataType(), out)}));
    }

    static INDArray minus(INDArray x, INDArray y) {
        long[] out = Broadcast.shape("sub", "x", x.shape(), "y", y.shape());
        return exec(new SubOp(new INDArray[] {x, y}, new INDArray[] {Nd4j.createUninitialized(x.dataType(), out)}));
    }

    static INDArray plus(INDArray x, INDArray y) {
        long[] out = Broadcast.shape("add", "x", x.shape(), "y", y.shape());
        return exec(new AddOp(new INDArray[] {x, y}, new INDArray[] {Nd4j.createUninitialized(x.dataType(), out)}));
    }

    private static long[] check(String op, Tensor a, Tensor b) {
        Shapes.requireSameType(op + ": a", a.data(), "b", b.data());
        return Broadcast.shape(op, a.label("a"), a.shape(), b.label("b"), b.shape());
    }

    private static INDArray alloc(Tensor like, long[] shape) {
        return Nd4j.createUninitialized(like.dataType(), shape);
    }

    private static INDArray exec(DynamicCustomOp op) {
        return Nd4j.exec(op)[0];
    }
}
