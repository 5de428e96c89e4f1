package newarch.models.reformer;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LshHashingTest {
    /** Four 2-d vectors, one pointing along each of +x, +y, −x, −y (roughly). */
    private static INDArray vectors() {
        return Nd4j.createFromArray(new double[] {3, 1, 1, 3, -3, 1, 1, -3}).reshape(1, 1, 4, 2); // [1, 1, 4, 2]
    }

    @Test
    void identityRotationPicksTheLargestSignedCoordinate() {
        // R = I: [xR, −xR] = [x₀, x₁, −x₀, −x₁], so the bucket is the direction the vector points most along
        INDArray rotations = Nd4j.createFromArray(new double[] {1, 0, 0, 1}).reshape(1, 2, 1, 2);
        INDArray ids = new LshHashing(1, 4).bucketIds(vectors(), rotations);
        assertArrayEquals(new long[] {0, 1, 2, 3}, ids.reshape(4).toLongVector());
    }

    @Test
    void twoBucketsSplitByTheSignOfOneProjection() {
        // one projection on (1, 1): (3,1)→4, (1,3)→4, (−3,1)→−2, (1,−3)→−2
        INDArray rotations = Nd4j.createFromArray(new double[] {1, 1}).reshape(1, 2, 1, 1);
        INDArray ids = new LshHashing(1, 2).bucketIds(vectors(), rotations);
        assertArrayEquals(new long[] {0, 0, 1, 1}, ids.reshape(4).toLongVector());
    }

    @Test
    void roundsAreOffsetAndPaddingGetsItsOwnBucket() {
        // round 0: R = I; round 1: R = −I, which swaps buckets 0↔2 and 1↔3
        INDArray rotations = Nd4j.createFromArray(new double[] {1, 0, -1, 0, 0, 1, 0, -1}).reshape(1, 2, 2, 2);
        LshHashing hashing = new LshHashing(2, 4);
        assertArrayEquals(new long[] {0, 1, 2, 3, 4 + 2, 4 + 3, 4 + 0, 4 + 1},
                hashing.offsetBuckets(vectors(), rotations, null).reshape(8).toLongVector());
        // the last position is padding: it goes to bucket 4, and rounds are 5 buckets apart
        INDArray mask = Nd4j.createFromArray(new long[] {1, 1, 1, 0}).reshape(1, 4);
        assertArrayEquals(new long[] {0, 1, 2, 4, 5 + 2, 5 + 3, 5 + 0, 5 + 4},
                hashing.offsetBuckets(vectors(), rotations, mask).reshape(8).toLongVector());
        // a mask without padding changes nothing
        assertArrayEquals(new long[] {0, 1, 2, 3, 6, 7, 4, 5}, hashing.offsetBuckets(vectors(), rotations,
                Nd4j.ones(DataType.LONG, 1, 4)).reshape(8).toLongVector());
    }

    @Test
    void sortingIsByBucketThenPosition() {
        INDArray buckets = Nd4j.createFromArray(new long[] {2, 0, 2, 1, 0}).reshape(1, 1, 5);
        INDArray sorted = LshSelfAttention.sortByBucketThenPosition(buckets);
        assertArrayEquals(new long[] {1, 4, 3, 0, 2}, sorted.reshape(5).toLongVector());
        // sorting the permutation gives its inverse
        assertArrayEquals(new long[] {3, 0, 4, 2, 1},
                LshSelfAttention.sortByBucketThenPosition(sorted).reshape(5).toLongVector());
    }

    @Test
    void badArgumentsAreOneLineErrors() {
        assertBadInput(() -> new LshHashing(1, 3), "num_buckets 3");
        assertBadInput(() -> new LshHashing(0, 4), "num_hashes 0");
        assertBadInput(() -> new LshHashing(1, 4).bucketIds(vectors(), Nd4j.zeros(1, 2, 1, 1)), "rotations",
                "[1,2,1,2]");
        assertBadInput(() -> new LshHashing(1, 4).bucketIds(Nd4j.zeros(4, 2), Nd4j.zeros(1, 2, 1, 2)), "vectors");
    }
}
