package newarch.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Broadcasting arithmetic that writes into its first argument. Only for arrays an op allocated itself and
 * that nothing else refers to: large attention buffers, where avoiding a fresh allocation is the speed-up.
 */
public final class InPlace {
    private InPlace() {
    }

    public static void addBroadcast(INDArray target, INDArray other) {
        check("add", target, other);
        Nd4j.exec(new AddOp(new INDArray[] {target, other}, new INDArray[] {target}));
    }

    public static void subBroadcast(INDArray target, INDArray other) {
        check("sub", target, other);
        Nd4j.exec(new SubOp(new INDArray[] {target, other}, new INDArray[] {target}));
    }

    public static void divBroadcast(INDArray target, INDArray other) {
        check("div", target, other);
        Nd4j.exec(new DivOp(new INDArray[] {target, other}, new INDArray[] {target}));
    }

    private static void check(String op, INDArray target, INDArray other) {
        long[] out = Broadcast.shape(op, "target", target.shape(), "other", other.shape());
        if (!java.util.Arrays.equals(out, target.shape())) {
            throw new ShapeException(op + " in place: other " + Shapes.show(other) + " would grow target "
                    + Shapes.show(target) + " to " + Shapes.show(out));
        }
    }
}
