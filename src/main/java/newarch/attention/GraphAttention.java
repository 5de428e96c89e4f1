package newarch.attention;

import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Self-attention over the nodes of a graph, masked by its adjacency ({@link Masks#graph}): node i attends only to its
 * neighbours N(i) and itself. One step is a message-passing step
 * <pre>
 *   h_i' = Σ_{j ∈ N(i) ∪ {i}} α_ij · W h_j,   α_ij = softmax_j( (W_q h_i)·(W_k h_j) / √d )
 * </pre>
 * — the messages W h_j are the values, and the weights α are scaled dot-product attention restricted to the edges.
 * (GAT, Veličković et al. 2018, scores an edge with a small MLP instead of a dot product; the aggregation is the same.)
 * Names: {@code q_proj}, {@code k_proj}, {@code v_proj} (the message map W), all without bias.
 */
public class GraphAttention extends Module {
    private final Linear qProj;
    private final Linear kProj;
    private final Linear vProj;
    private final long inFeatures;

    public GraphAttention(long inFeatures, long outFeatures, Rng rng) {
        if (inFeatures <= 0 || outFeatures <= 0) {
            throw new IllegalArgumentException("graph attention: in_features " + inFeatures + " and out_features "
                    + outFeatures + " must be positive");
        }
        this.inFeatures = inFeatures;
        this.qProj = child("q_proj", new Linear(inFeatures, outFeatures, false, rng));
        this.kProj = child("k_proj", new Linear(inFeatures, outFeatures, false, rng));
        this.vProj = child("v_proj", new Linear(inFeatures, outFeatures, false, rng));
    }

    /**
     * @param h         node states [N, in] or [B, N, in] (a batch of graphs with the same adjacency)
     * @param adjacency [N, N], non-zero where node i receives from node j; self-loops are added
     * @return the new node states [..., N, out] and the attention weights α [..., N, N]
     */
    public AttentionOutput forward(Tensor h, INDArray adjacency) {
        if ((h.rank() != 2 && h.rank() != 3) || h.size(-1) != inFeatures) {
            throw new ShapeException("graph attention: node states are " + Shapes.show(h.data())
                    + " but must be [nodes, " + inFeatures + "] or [batch, nodes, " + inFeatures + "]");
        }
        long nodes = h.size(-2);
        if (adjacency.rank() != 2 || adjacency.size(0) != adjacency.size(1) || adjacency.size(0) != nodes) {
            throw new ShapeException("graph attention: adjacency is " + Shapes.show(adjacency) + " but must be square ["
                    + nodes + ", " + nodes + "] for the " + nodes + " nodes of " + Shapes.show(h.data()));
        }
        Tensor mask = Masks.graph(adjacency, h.dataType());   // [N, N]: 0 on edges and self-loops, −∞ elsewhere
        return ScaledDotProductAttention.attend(qProj.forward(h), kProj.forward(h), vProj.forward(h), mask);
    }
}
