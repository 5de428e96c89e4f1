package newarch.models.reformer;

import newarch.tensor.Rng;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.MatMul;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Angular locality-sensitive hashing (Reformer §2, after Andoni et al. 2015): a vector x is projected by a random
 * matrix R [d, b/2] and its bucket is {@code argmax([xR, −xR])}, one of b buckets. Nearby directions tend to land in
 * the same bucket, so attention restricted to a bucket still sees the keys that matter. Each round of hashing uses
 * its own R, and round r's bucket ids are offset by r·b so that the rounds never share a bucket.
 *
 * <p>Hashing is not differentiable; it works on plain arrays and its results are constants for the attention that
 * follows.
 */
public final class LshHashing {
    private final int numHashes;
    private final int numBuckets;

    /** @param numBuckets buckets per round, even (b/2 projections and their negations) */
    public LshHashing(int numHashes, int numBuckets) {
        if (numHashes < 1) {
            throw new IllegalArgumentException("LshHashing: num_hashes " + numHashes + " must be at least 1");
        }
        if (numBuckets < 2 || numBuckets % 2 != 0) {
            throw new IllegalArgumentException("LshHashing: num_buckets " + numBuckets + " must be even and at least 2");
        }
        this.numHashes = numHashes;
        this.numBuckets = numBuckets;
    }

    public int numHashes() {
        return numHashes;
    }

    public int numBuckets() {
        return numBuckets;
    }

    /** A fresh draw of rotations [heads, headSize, numHashes, numBuckets/2] from N(0, 1), as Hugging Face draws them. */
    public INDArray randomRotations(Rng rng, int heads, int headSize, DataType type) {
        return rng.normal(type, 0, 1, heads, headSize, numHashes, numBuckets / 2);
    }

    /**
     * The bucket of every vector in every round.
     *
     * @param vectors   [batch, heads, len, headSize]
     * @param rotations [heads, headSize, numHashes, numBuckets/2]
     * @return LONG [batch, heads, numHashes, len] with values in [0, numBuckets)
     */
    public INDArray bucketIds(INDArray vectors, INDArray rotations) {
        checkShapes(vectors, rotations);
        long b = vectors.size(0);
        long h = vectors.size(1);
        long len = vectors.size(2);
        long d = vectors.size(3);
        long half = numBuckets / 2;
        INDArray r = rotations.castTo(vectors.dataType()).reshape('c', new long[] {1, h, d, numHashes * half});
        INDArray rb = Nd4j.createUninitialized(vectors.dataType(), b, h, d, numHashes * half).assign(
                r.broadcast(b, h, d, numHashes * half));
        INDArray rotated = MatMul.product(vectors.dup('c'), rb, false, false)      // [b, h, len, hashes·half]
                .reshape('c', new long[] {b, h, len, numHashes, half}).permute(0, 1, 3, 2, 4).dup('c'); // [b, h, hashes, len, half]
        INDArray both = Nd4j.concat(4, rotated, rotated.neg());                   // [b, h, hashes, len, buckets]
        return Nd4j.argMax(both, 4).castTo(DataType.LONG);                        // [b, h, hashes, len]
    }

    /**
     * Bucket ids ready for sorting: with padding (some {@code attentionMask} entry 0) every padded position goes to an
     * extra bucket b of its own, and round r is offset by r·(b or b + 1).
     *
     * @param attentionMask [batch, len], 1 = token, 0 = padding; or null
     * @return LONG [batch, heads, numHashes · len], round-major
     */
    public INDArray offsetBuckets(INDArray vectors, INDArray rotations, INDArray attentionMask) {
        INDArray ids = bucketIds(vectors, rotations);
        long b = ids.size(0);
        long h = ids.size(1);
        long len = ids.size(3);
        long perRound = numBuckets;
        if (attentionMask != null) {
            if (attentionMask.rank() != 2 || attentionMask.size(0) != b || attentionMask.size(1) != len) {
                throw new ShapeException("attention_mask is " + Shapes.show(attentionMask) + " but the vectors are "
                        + Shapes.show(vectors) + ": it must be [batch, len]");
            }
            INDArray pad = attentionMask.eq(0).castTo(DataType.LONG);           // [b, len]
            if (pad.sumNumber().longValue() > 0) {
                perRound = numBuckets + 1;
                INDArray padB = pad.reshape('c', new long[] {b, 1, 1, len}).broadcast(b, h, numHashes, len);
                INDArray keepB = padB.rsub(1);
                // ids·keep + b·pad puts each padded position in bucket b, leaving the others where they are
                ids = ids.mul(keepB).addi(padB.mul(numBuckets));
            }
        }
        INDArray offsets = Nd4j.arange(0, numHashes).castTo(DataType.LONG).muli(perRound)
                .reshape('c', new long[] {1, 1, numHashes, 1}).broadcast(b, h, numHashes, len);
        return ids.add(offsets).reshape('c', new long[] {b, h, numHashes * len});
    }

    private void checkShapes(INDArray vectors, INDArray rotations) {
        if (vectors.rank() != 4) {
            throw new ShapeException("LSH hashing: vectors are " + Shapes.show(vectors)
                    + " but must be [batch, heads, len, headSize]");
        }
        long[] want = {vectors.size(1), vectors.size(3), numHashes, numBuckets / 2};
        if (!java.util.Arrays.equals(rotations.shape(), want)) {
            throw new ShapeException("LSH hashing: rotations are " + Shapes.show(rotations) + " but must be "
                    + Shapes.show(want) + " [heads, headSize, num_hashes, num_buckets/2]");
        }
    }
}
