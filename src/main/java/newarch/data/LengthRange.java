package newarch.data;

import java.util.SplittableRandom;

/**
 * An inclusive range of example lengths, e.g. train on 1..8 and test on 9..16 to see whether a model learned the
 * algorithm or only the lengths it was shown.
 */
public record LengthRange(int min, int max) {
    public LengthRange {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("length range " + min + ".." + max
                    + " must have 1 <= min <= max");
        }
    }

    public static LengthRange of(int min, int max) {
        return new LengthRange(min, max);
    }

    /** Parses {@code "8"}, {@code "1..8"} or {@code "1-8"}; {@code what} names the option in the error message. */
    public static LengthRange parse(String what, String text) {
        String t = text.strip();
        String[] parts = t.contains("..") ? t.split("\\.\\.", -1) : t.split("-", -1);
        try {
            if (parts.length == 1) {
                int n = Integer.parseInt(parts[0].strip());
                return new LengthRange(n, n);
            }
            if (parts.length == 2) {
                return new LengthRange(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage());
        }
        throw new IllegalArgumentException(what + " must be a length or a range like 1..8, got '" + text + "'");
    }

    /** A length drawn uniformly from the range. */
    public int draw(SplittableRandom random) {
        return min + random.nextInt(max - min + 1);
    }

    public boolean contains(int length) {
        return length >= min && length <= max;
    }

    @Override
    public String toString() {
        return min == max ? Integer.toString(min) : min + ".." + max;
    }
}
