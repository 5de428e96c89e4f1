package newarch.models.sandwich;

/**
 * The order of a Transformer's sublayers as a word over {s, f} (Press, Smith &amp; Levy 2020, "Improving Transformer
 * Models by Reordering their Sublayers"): {@code s} is a self-attention sublayer, {@code f} a feed-forward sublayer.
 * The usual interleaved Transformer of n layers is (sf)ⁿ; a sandwich transformer with coefficient k is
 * sᵏ(sf)ⁿ⁻ᵏfᵏ, attention moved to the bottom and feed-forward to the top.
 *
 * <p>An order always holds as many s as f, so every order of the same length has exactly the parameters of the
 * interleaved baseline: only the arrangement differs, which is the paper's point.
 */
public final class SublayerOrder {
    public static final char ATTENTION = 's';
    public static final char FEED_FORWARD = 'f';

    private final String order;

    private SublayerOrder(String order) {
        this.order = order;
    }

    /** Parses an order such as {@code "sssfsfff"}; anything but s and f, or unequal counts, is an error. */
    public static SublayerOrder of(String order) {
        String problem = problem(order);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new SublayerOrder(order);
    }

    /** Whether {@link #of} accepts {@code order}: a non-empty word over {s, f} with as many s as f. */
    public static boolean isValid(String order) {
        return problem(order) == null;
    }

    /** What is wrong with {@code order}, in one line, or null when it is a valid order. */
    private static String problem(String order) {
        if (order == null || order.isEmpty()) {
            return "sublayer order is empty: give a word over {s, f} such as \"sfsf\"";
        }
        int s = 0;
        for (int i = 0; i < order.length(); i++) {
            char c = order.charAt(i);
            if (c == ATTENTION) {
                s++;
            } else if (c != FEED_FORWARD) {
                return "sublayer order \"" + order + "\" has '" + c + "' at position " + i
                        + ": only s (self-attention) and f (feed-forward) are allowed";
            }
        }
        int f = order.length() - s;
        if (s != f) {
            return "sublayer order \"" + order + "\" has " + s + " s and " + f
                    + " f: it needs as many s as f so that its parameter count equals the interleaved (sf)^n baseline";
        }
        return null;
    }

    /** sᵏ(sf)ⁿ⁻ᵏfᵏ: the sandwich transformer with n attention and n feed-forward sublayers and coefficient k. */
    public static SublayerOrder sandwich(int n, int k) {
        if (n < 1 || k < 0 || k > n) {
            throw new IllegalArgumentException("sandwich(n = " + n + ", k = " + k + "): need n ≥ 1 and 0 ≤ k ≤ n");
        }
        return of("s".repeat(k) + "sf".repeat(n - k) + "f".repeat(k));
    }

    /** (sf)ⁿ: the ordinary Transformer, which is also sandwich(n, 0). */
    public static SublayerOrder interleaved(int n) {
        return sandwich(n, 0);
    }

    /** The number of sublayers, 2n. */
    public int length() {
        return order.length();
    }

    /** n: the number of attention sublayers, equal to the number of feed-forward ones. */
    public int pairs() {
        return order.length() / 2;
    }

    public boolean isAttention(int i) {
        return order.charAt(i) == ATTENTION;
    }

    @Override
    public String toString() {
        return order;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SublayerOrder other && other.order.equals(order);
    }

    @Override
    public int hashCode() {
        return order.hashCode();
    }
}
