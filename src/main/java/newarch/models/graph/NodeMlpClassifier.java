package newarch.models.graph;

import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/**
 * The baseline that ignores the graph: each node is classified from its own features alone by a two-layer MLP
 * (features → hidden, ReLU → class logits), as wide as {@link GraphAttentionClassifier}. Whatever the attention
 * classifier gains over it comes from reading the neighbours. Names {@code layer1}, {@code layer2}.
 */
public class NodeMlpClassifier extends Module {
    private final Linear layer1;
    private final Linear layer2;

    public NodeMlpClassifier(int features, int hidden, int classes, Rng rng) {
        this.layer1 = child("layer1", new Linear(features, hidden, true, rng));
        this.layer2 = child("layer2", new Linear(hidden, classes, true, rng));
    }

    /** node features [N, F] → logits [N, classes]. */
    public Tensor forward(Tensor features) {
        return layer2.forward(layer1.forward(features).relu());
    }
}
