package newarch.models.graph;

import newarch.attention.GraphAttention;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Node classification with two rounds of {@link GraphAttention}: features → hidden (ReLU) → class logits, so each
 * node's prediction reads its neighbours' neighbours — the two-layer shape of GCN and GAT (Kipf &amp; Welling 2017,
 * Veličković et al. 2018). Names {@code layer1}, {@code layer2}.
 */
public class GraphAttentionClassifier extends Module {
    private final GraphAttention layer1;
    private final GraphAttention layer2;

    public GraphAttentionClassifier(int features, int hidden, int classes, Rng rng) {
        this.layer1 = child("layer1", new GraphAttention(features, hidden, rng));
        this.layer2 = child("layer2", new GraphAttention(hidden, classes, rng));
    }

    /** node features [N, F] and adjacency [N, N] → logits [N, classes]. */
    public Tensor forward(Tensor features, INDArray adjacency) {
        Tensor h = layer1.forward(features, adjacency).output().relu(); // [N, hidden]
        return layer2.forward(h, adjacency).output();                  // [N, classes]
    }
}
