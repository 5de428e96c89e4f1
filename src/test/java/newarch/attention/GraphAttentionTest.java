package newarch.attention;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.normal;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertEquals;

import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Masked self-attention on a graph is one message-passing step; gradients; bad adjacency. */
class GraphAttentionTest {
    /** A path 0–1–2, a triangle 2–3–4, node 5 isolated (it only hears itself). */
    private static INDArray adjacency() {
        double[][] a = new double[6][6];
        int[][] edges = {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 2}};
        for (int[] e : edges) {
            a[e[0]][e[1]] = 1;
            a[e[1]][e[0]] = 1;
        }
        return Nd4j.createFromArray(a);
    }

    @Test
    void oneMaskedAttentionStepIsOneMessagePassingStep() {
        GraphAttention layer = randomized(new GraphAttention(4, 3, new Rng(1)), new Rng(2), 0.7);
        INDArray adj = adjacency();
        INDArray h = new Rng(3).normal(DataType.DOUBLE, 0, 1, 6, 4);
        AttentionOutput out = layer.forward(Tensor.constant(h), adj);
        INDArray wq = layer.stateDict().get("q_proj.weight");
        INDArray wk = layer.stateDict().get("k_proj.weight");
        INDArray w = layer.stateDict().get("v_proj.weight");
        // Per node, by the message-passing formula: h_i' = Σ_{j∈N(i)∪{i}} α_ij W h_j, α_ij ∝ exp(q_i·k_j/√d).
        for (int i = 0; i < 6; i++) {
            INDArray qi = wq.mmul(h.getRow(i).reshape(4, 1));
            double[] score = new double[6];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < 6; j++) {
                if (j == i || adj.getDouble(i, j) != 0) {
                    INDArray kj = wk.mmul(h.getRow(j).reshape(4, 1));
                    score[j] = qi.mul(kj).sumNumber().doubleValue() / Math.sqrt(3);
                    max = Math.max(max, score[j]);
                }
            }
            double z = 0;
            double[] alpha = new double[6];
            for (int j = 0; j < 6; j++) {
                if (j == i || adj.getDouble(i, j) != 0) {
                    alpha[j] = Math.exp(score[j] - max);
                    z += alpha[j];
                }
            }
            double[] message = new double[3];
            for (int j = 0; j < 6; j++) {
                alpha[j] /= z;
                assertEquals(alpha[j], out.weights().data().getDouble(i, j), 1e-12, "α[" + i + "," + j + "]");
                INDArray whj = w.mmul(h.getRow(j).reshape(4, 1));
                for (int f = 0; f < 3; f++) {
                    message[f] += alpha[j] * whj.getDouble(f, 0);
                }
            }
            for (int f = 0; f < 3; f++) {
                assertEquals(message[f], out.output().data().getDouble(i, f), 1e-12, "h'[" + i + "," + f + "]");
            }
        }
        // The isolated node keeps its own message: α_55 = 1.
        assertEquals(1.0, out.weights().data().getDouble(5, 5), 1e-15);
    }

    @Test
    void gradientsOnASingleGraphAndABatch() {
        GraphAttention layer = randomized(new GraphAttention(3, 2, new Rng(4)), new Rng(5), 0.7);
        assertModuleGradients(layer, in -> layer.forward(in.get(0), adjacency()).output(), normal(new Rng(6), 6, 3));
        assertModuleGradients(layer, in -> layer.forward(in.get(0), adjacency()).output(), normal(new Rng(7), 2, 6, 3));
    }

    @Test
    void badInput() {
        GraphAttention layer = new GraphAttention(3, 2, new Rng(8));
        Tensor h = Tensor.constant(Nd4j.zeros(DataType.FLOAT, 6, 3));
        assertBadInput(() -> layer.forward(h, Nd4j.zeros(DataType.FLOAT, 6, 5)), "adjacency is [6,5]", "square [6, 6]");
        assertBadInput(() -> layer.forward(h, Nd4j.zeros(DataType.FLOAT, 4, 4)), "adjacency is [4,4]", "6 nodes");
        assertBadInput(() -> layer.forward(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 6, 4)), adjacency()),
                "[6,4]", "[nodes, 3]");
        assertBadInput(() -> new GraphAttention(0, 2, new Rng(9)), "in_features 0");
    }
}
