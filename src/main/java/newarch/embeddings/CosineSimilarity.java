package newarch.embeddings;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Cosine similarity between rows of vectors: the angle, not the length, says how alike two words are. */
public final class CosineSimilarity {
    /** Rows shorter than this count as zero, so that an all-zero row gives similarity 0 instead of NaN. */
    private static final double TINY = 1e-12;

    private CosineSimilarity() {
    }

    /** Each row of {@code rows} [n, d] scaled to unit length (zero rows stay zero). */
    public static INDArray normalizeRows(INDArray rows) {
        requireMatrix("rows", rows);
        INDArray norms = Transforms.max(rows.norm2(1), TINY, true).reshape(rows.size(0), 1); // [n, 1]
        return rows.divColumnVector(norms);
    }

    /** All pairwise cosine similarities of the rows of {@code rows} [n, d]: an [n, n] matrix. */
    public static INDArray matrix(INDArray rows) {
        INDArray unit = normalizeRows(rows);
        return unit.mmul(unit.transpose());
    }

    static void requireMatrix(String name, INDArray a) {
        if (a.rank() != 2) {
            throw new IllegalArgumentException(name + " is " + java.util.Arrays.toString(a.shape()) + " but must be [n, d]");
        }
    }
}
