package newarch.models.shuffle;

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
 */
public final class BenesBlock extends Module {
    private final SwitchUnit forward;
    private final SwitchUnit reverse;

    public BenesBlock(Supplier<SwitchUnit> unit) {
        this.forward = child("forward", unit.get());
        this.reverse = child("reverse", unit.get());
    }

    /** [batch, n, m] → [batch, n, m]: 2(k − 1) switch layers. */
    public Tensor forward(Tensor x) {
        ShuffleLayer.requirePositions("Beneš block", x);
        int levels = ShuffleLayer.log2(x.size(1)) - 1;
        Tensor h = x;
        for (int level = 0; level < levels; level++) {
            h = ShuffleLayer.shuffle(forward.forward(h));
        }
        for (int level = 0; level < levels; level++) {
            h = ShuffleLayer.inverseShuffle(reverse.forward(h));
        }
        return h;
    }

    /** The switch unit shared by the first half's layers. */
    public SwitchUnit forwardUnit() {
        return forward;
    }

    /** The switch unit shared by the second half's layers. */
    public SwitchUnit reverseUnit() {
        return reverse;
    }
}
