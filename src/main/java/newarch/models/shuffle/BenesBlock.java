package newarch.models.shuffle;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import newarch.nn.Module;
import newarch.tensor.Tensor;

/**
 * One Beneš block on [batch, n, m], n = 2^k: a Shuffle-Exchange network — k − 1 times (switch layer, then perfect
 * shuffle) — followed by its mirror image — k − 1 times (switch layer, then inverse shuffle). Like the Beneš
 * network it imitates, which can route any permutation, it lets every position influence every other one.
 *
 * <p>Both papers share weights across the levels: one switch unit ({@code forward}) serves all k − 1 switch layers
 * of the first half and another ({@code reverse}) all those of the second half. That is what makes one set of
 * weights work for any n, so a network trained on short sequences runs on longer ones (with more levels).
 *
 * <p>With {@code edgeUnits} the first layer of each half has a unit of its own ({@code first}, {@code middle}), as
 * in the RSE authors' code: the shared units then only ever see the outputs of switch layers, never the raw input
 * of a half, so a longer input repeats a step they were trained on rather than changing what they see.
 */
public final class BenesBlock extends Module {
    private final SwitchUnit first;
    private final SwitchUnit forward;
    private final SwitchUnit middle;
    private final SwitchUnit reverse;

    /** One shared unit per half. */
    public BenesBlock(Supplier<SwitchUnit> unit) {
        this(unit, false);
    }

    public BenesBlock(Supplier<SwitchUnit> unit, boolean edgeUnits) {
        this.first = edgeUnits ? child("first", unit.get()) : null;
        this.forward = child("forward", unit.get());
        this.middle = edgeUnits ? child("middle", unit.get()) : null;
        this.reverse = child("reverse", unit.get());
    }

    /** [batch, n, m] → [batch, n, m]: 2(k − 1) switch layers. */
    public Tensor forward(Tensor x) {
        ShuffleLayer.requirePositions("Beneš block", x);
        int levels = ShuffleLayer.log2(x.size(1)) - 1;
        Tensor h = x;
        for (int level = 0; level < levels; level++) {
            h = ShuffleLayer.shuffle(unitAt(level, first, forward).forward(h));
        }
        for (int level = 0; level < levels; level++) {
            h = ShuffleLayer.inverseShuffle(unitAt(level, middle, reverse).forward(h));
        }
        return h;
    }

    private static SwitchUnit unitAt(int level, SwitchUnit edge, SwitchUnit shared) {
        return level == 0 && edge != null ? edge : shared;
    }

    /** The switch unit shared by the first half's layers. */
    public SwitchUnit forwardUnit() {
        return forward;
    }

    /** The switch unit shared by the second half's layers. */
    public SwitchUnit reverseUnit() {
        return reverse;
    }

    /** Every switch unit of the block: two, or four with edge units. */
    public List<SwitchUnit> units() {
        List<SwitchUnit> units = new ArrayList<>();
        for (SwitchUnit unit : new SwitchUnit[] {first, forward, middle, reverse}) {
            if (unit != null) {
                units.add(unit);
            }
        }
        return units;
    }
}
