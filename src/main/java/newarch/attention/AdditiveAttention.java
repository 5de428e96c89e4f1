package newarch.attention;

import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.MatMul;
import newarch.tensor.Reshaping;
import newarch.tensor.Rng;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;

/**
 * Additive (Bahdanau) attention: score(q, k) = wᵥᵀ tanh(W_q q + W_k k). It compares a query and a key
 * through a small one-hidden-layer network instead of a dot product, so they may have different widths.
 */
public class AdditiveAttention extends Module {
    private final Linear queryProj;
    private final Linear keyProj;
    private final Linear scoreProj;

    public AdditiveAttention(long queryDim, long keyDim, long hidden, Rng rng) {
        this.queryProj = child("W_q", new Linear(queryDim, hidden, false, rng));
        this.keyProj = child("W_k", new Linear(keyDim, hidden, false, rng));
        this.scoreProj = child("w_v", new Linear(hidden, 1, false, rng));
    }

    /**
     * @param query  [B, L, Dq]
     * @param key    [B, S, Dk]
     * @param value  [B, S, Dv]
     * @param mask   additive, broadcastable to [B, L, S], or null
     */
    public AttentionOutput forward(Tensor query, Tensor key, Tensor value, Tensor mask) {
        Shapes.requireRank("query", query, 3);
        Shapes.requireRank("key", key, 3);
        Shapes.requireRank("value", value, 3);
        if (key.size(0) != query.size(0) || key.size(1) != value.size(1) || value.size(0) != query.size(0)) {
            throw new ShapeException("query is " + Shapes.show(query.data()) + ", key is " + Shapes.show(key.data())
                    + ", value is " + Shapes.show(value.data())
                    + ": batch sizes must match and key and value must have the same length");
        }
        return attend(query, keyProj.forward(key), value, mask);
    }

    /**
     * W_k k for every key, [B, S, hidden]. A decoder that attends to the same encoder states at every step computes
     * this once and passes it to {@link #forwardProjected}, instead of repeating the largest product of each step.
     */
    public Tensor projectKeys(Tensor key) {
        Shapes.requireRank("key", key, 3);
        return keyProj.forward(key);
    }

    /** As {@link #forward}, with the keys already projected by {@link #projectKeys}, [B, S, hidden]. */
    public AttentionOutput forwardProjected(Tensor query, Tensor projectedKeys, Tensor value, Tensor mask) {
        Shapes.requireRank("query", query, 3);
        Shapes.requireRank("projected key", projectedKeys, 3);
        Shapes.requireRank("value", value, 3);
        Shapes.requireSize("projected key", projectedKeys, 2, scoreProj.inFeatures(), "the attention's hidden size");
        if (projectedKeys.size(0) != query.size(0) || projectedKeys.size(1) != value.size(1)
                || value.size(0) != query.size(0)) {
            throw new ShapeException("query is " + Shapes.show(query.data()) + ", projected key is "
                    + Shapes.show(projectedKeys.data()) + ", value is " + Shapes.show(value.data())
                    + ": batch sizes must match and key and value must have the same length");
        }
        return attend(query, projectedKeys, value, mask);
    }

    /**
     * The raw scores e = wᵥᵀ tanh(W_q q + W_k k) of every query against every key, [B, L, S], before any mask and
     * softmax (Bahdanau's e_tj with q = s_{t−1} and k = h_j). {@link #forward} turns them into weights.
     */
    public Tensor scores(Tensor query, Tensor key) {
        Shapes.requireRank("query", query, 3);
        Shapes.requireRank("key", key, 3);
        if (key.size(0) != query.size(0)) {
            throw new ShapeException("query is " + Shapes.show(query.data()) + " and key is " + Shapes.show(key.data())
                    + ": batch sizes must match");
        }
        return score(query, keyProj.forward(key));
    }

    private Tensor score(Tensor query, Tensor projectedKeys) {
        Tensor q = Reshaping.unsqueeze(queryProj.forward(query), 2);   // [B, L, 1, H]
        Tensor k = Reshaping.unsqueeze(projectedKeys, 1);              // [B, 1, S, H]
        Tensor scores = scoreProj.forward(q.add(k).tanh());            // [B, L, S, 1]
        return scores.reshape(query.size(0), query.size(1), projectedKeys.size(1));
    }

    private AttentionOutput attend(Tensor query, Tensor projectedKeys, Tensor value, Tensor mask) {
        Tensor scores = score(query, projectedKeys);                   // [B, L, S]
        if (mask != null) {
            scores = scores.add(mask);
        }
        Tensor weights = scores.softmax(-1);
        return new AttentionOutput(MatMul.matmul(weights, value), weights.detach());
    }
}
