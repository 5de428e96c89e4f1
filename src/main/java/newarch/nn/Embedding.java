package newarch.nn;

import newarch.tensor.Indexing;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A lookup table of vectors: integer ids [...] become [..., dim]. Initialised N(0, 1) as in PyTorch. */
public class Embedding extends Module {
    private final Tensor weight;

    public Embedding(long count, long dim, Rng rng) {
        this(count, dim, 1.0, rng);
    }

    public Embedding(long count, long dim, double initStd, Rng rng) {
        this.weight = parameter("weight", Init.normal(rng, initStd, count, dim));
    }

    public Tensor forward(INDArray ids) {
        return Indexing.embeddingLookup(weight, ids);
    }

    public Tensor weight() {
        return weight;
    }
}
