package newarch.data;

import java.util.Arrays;

/**
 * One input–output pair of token ids, without BOS, EOS or padding ({@link Batch} adds those).
 * Equality is by content, so examples can be counted and compared across runs.
 */
public record Example(int[] source, int[] target) {
    public Example {
        source = source.clone();
        target = target.clone();
    }

    @Override
    public int[] source() {
        return source.clone();
    }

    @Override
    public int[] target() {
        return target.clone();
    }

    public int sourceLength() {
        return source.length;
    }

    public int targetLength() {
        return target.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Example e && Arrays.equals(source, e.source) && Arrays.equals(target, e.target);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(source) + Arrays.hashCode(target);
    }

    @Override
    public String toString() {
        return Arrays.toString(source) + " -> " + Arrays.toString(target);
    }
}
