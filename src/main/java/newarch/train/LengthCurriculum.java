package newarch.train;

import java.util.List;
import java.util.SplittableRandom;
import newarch.data.LengthRange;

/**
 * Which lengths the training batch of each step is drawn from. A Shuffle-Exchange network pads a batch to the next
 * power of two n of its longest input, and n sets its depth (2 log n switch layers per Beneš block). Batches of
 * mixed lengths are nearly always padded to the same n, so the shared weights only ever run at one depth; the
 * papers instead train a batch per length bucket (8, 16, 32, 64), which makes the network work at several depths
 * and is what lets it run at the much larger depth of a longer test input.
 * <ul>
 *   <li>{@code none}: every example's length drawn from the whole training range (the plain setting);</li>
 *   <li>{@code buckets}: one length per step, drawn uniformly from the range; all examples of the batch have it
 *   (for the binary tasks: both operands have that many bits, as in the papers' data);</li>
 *   <li>{@code grow}: as {@code buckets}, but the longest length allowed grows linearly from the shortest to the
 *   longest over the first half of the steps (short, easy inputs first).</li>
 * </ul>
 * The choice is a pure function of (seed, step), so a resumed run sees the lengths it would have seen.
 */
public final class LengthCurriculum {
    public static final String NONE = "none";
    public static final String BUCKETS = "buckets";
    public static final String GROW = "grow";
    public static final List<String> KINDS = List.of(NONE, BUCKETS, GROW);
    private static final long SALT = 0x1E_C0_55L;

    private final String kind;
    private final LengthRange lengths;
    private final long steps;

    /**
     * @param lengths the training lengths
     * @param steps   the run's total steps ({@code grow} reaches the longest length at half of them)
     */
    public LengthCurriculum(String kind, LengthRange lengths, long steps) {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("curriculum is '" + kind + "' but must be one of " + KINDS);
        }
        if (lengths == null || steps < 1) {
            throw new IllegalArgumentException("curriculum: lengths " + lengths + " must be given and steps " + steps
                    + " must be positive");
        }
        this.kind = kind;
        this.lengths = lengths;
        this.steps = steps;
    }

    /** The lengths the batch of {@code step} (counted from 1) is drawn from. */
    public LengthRange lengthsAt(long seed, long step) {
        if (kind.equals(NONE)) {
            return lengths;
        }
        int longest = kind.equals(GROW) ? longestAt(step) : lengths.max();
        SplittableRandom random = new SplittableRandom((seed ^ SALT) * 0x9E3779B97F4A7C15L + step);
        int length = LengthRange.of(lengths.min(), longest).draw(random);
        return LengthRange.of(length, length);
    }

    /** For {@code grow}: the longest length allowed at {@code step}, from min at step 1 to max at half the steps. */
    int longestAt(long step) {
        double progress = Math.min(1.0, Math.max(0, step - 1) / Math.max(1.0, steps / 2.0));
        return lengths.min() + (int) Math.round(progress * (lengths.max() - lengths.min()));
    }

    public String kind() {
        return kind;
    }
}
