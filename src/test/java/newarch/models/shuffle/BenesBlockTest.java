package newarch.models.shuffle;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.normal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import newarch.tensor.GradAssert;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class BenesBlockTest {
    @Test
    void gradientOverTwoLevelsPerHalf() {
        Rng rng = new Rng(20);
        BenesBlock block = GradAssert.randomized(new BenesBlock(() -> new ResidualSwitchUnit(2, rng)), new Rng(21),
                0.5);
        Tensor x = normal(new Rng(22), 1, 8, 2);                    // n = 8: k − 1 = 2 layers per half
        assertModuleGradients(block, in -> block.forward(in.get(0)), x);
    }

    @Test
    void gatedBlockGradient() {
        Rng rng = new Rng(23);
        BenesBlock block = GradAssert.randomized(new BenesBlock(() -> new GatedSwitchUnit(2, rng)), new Rng(24), 0.5);
        assertModuleGradients(block, in -> block.forward(in.get(0)), normal(new Rng(25), 1, 8, 2));
    }

    @Test
    void weightsAreSharedWithinEachHalf() {
        Rng rng = new Rng(26);
        BenesBlock block = new BenesBlock(() -> new ResidualSwitchUnit(2, rng));
        block.to(DataType.DOUBLE);
        // one unit per half, whatever n is: the parameters are exactly forward.* and reverse.*
        long unitParameters = new ResidualSwitchUnit(2, new Rng(0)).parameterCount();
        assertEquals(2 * unitParameters, block.parameterCount());
        assertEquals(List.of("forward", "reverse"), block.namedParameters().keySet().stream()
                .map(k -> k.substring(0, k.indexOf('.'))).distinct().toList());
        // the block equals the same unit applied at every level of a half
        Tensor x = Tensor.constant(Nd4j.rand(DataType.DOUBLE, 2, 16, 2));
        SwitchUnit f = block.forwardUnit();
        SwitchUnit r = block.reverseUnit();
        Tensor h = x;
        for (int level = 0; level < 3; level++) {
            h = ShuffleLayer.shuffle(f.forward(h));
        }
        for (int level = 0; level < 3; level++) {
            h = ShuffleLayer.inverseShuffle(r.forward(h));
        }
        f.resetApplications();
        r.resetApplications();
        assertEquals(h.data(), block.forward(x).data());
        assertEquals(3 * 8, f.applications());
        assertEquals(3 * 8, r.applications());
        // a gradient step through the block accumulates into the one shared tensor per weight
        Tensor w = block.namedParameters().get("forward.expand.weight");
        assertSame(w, f.namedParameters().get("expand.weight"));
    }

    @Test
    void edgeUnitsTakeTheFirstLayerOfEachHalf() {
        Rng rng = new Rng(28);
        BenesBlock block = GradAssert.randomized(new BenesBlock(() -> new ResidualSwitchUnit(2, rng), true),
                new Rng(29), 0.5);
        assertEquals(List.of("first", "forward", "middle", "reverse"), block.namedParameters().keySet().stream()
                .map(k -> k.substring(0, k.indexOf('.'))).distinct().toList());
        assertModuleGradients(block, in -> block.forward(in.get(0)), normal(new Rng(30), 1, 8, 2));
        // n = 16: 3 layers per half, the first of each on its own unit and the other two on the shared one
        block.units().forEach(SwitchUnit::resetApplications);
        block.forward(Tensor.constant(Nd4j.rand(DataType.DOUBLE, 1, 16, 2)));
        assertEquals(List.of(8L, 16L, 8L, 16L), block.units().stream().map(SwitchUnit::applications).toList());
    }

    @Test
    void badInput() {
        BenesBlock block = new BenesBlock(() -> new ResidualSwitchUnit(2, new Rng(27)));
        assertBadInput(() -> block.forward(Tensor.constant(Nd4j.zeros(1, 12, 2))), "Beneš block", "[1,12,2]",
                "power of two");
        assertBadInput(() -> block.forward(Tensor.constant(Nd4j.zeros(1, 8, 3))), "[1,8,3]", "m = 2");
    }
}
