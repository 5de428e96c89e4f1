package newarch.tensor;

import static newarch.tensor.GradAssert.normal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The checker itself: it must catch a wrong backward rule. */
class GradCheckTest {

    @Test
    void detectsAWrongBackwardRule() {
        Tensor x = normal(new Rng(500), 3, 4);
        GradCheck.Result r = GradCheck.check(
                in -> Tensor.fromOp("twice", in.get(0).data().mul(2), g -> new INDArray[] {g.mul(3)}, in.get(0)),
                List.of(x), 1);
        assertEquals(0.2, r.maxRelativeError(), 1e-9); // |3 - 2| / (3 + 2)
        assertFalse(r.passed(1e-6));
        assertTrue(r.where().startsWith("input 0 element "));
    }

    @Test
    void acceptsACorrectRule() {
        GradCheck.Result r = GradCheck.check(in -> in.get(0).mul(2.0), List.of(normal(new Rng(501), 3)), 1);
        assertTrue(r.passed(1e-9));
    }

    @Test
    void aNaNGradientDoesNotPass() {
        Tensor x = Tensor.parameter(Nd4j.createFromArray(-1.0, -2.0));
        GradCheck.Result r = GradCheck.check(in -> in.get(0).log(), List.of(x), 1);
        assertFalse(r.passed(1e-6), "NaN reported as " + r);
    }

    @Test
    void theCheckLeavesInputValuesUnchanged() {
        Tensor x = normal(new Rng(502), 2, 3);
        INDArray before = x.data().dup();
        GradCheck.check(in -> in.get(0).tanh(), List.of(x), 1);
        assertEquals(before, x.data());
        assertEquals(DataType.DOUBLE, x.grad().dataType());
    }
}
