package newarch.data.graphs;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class StochasticBlockModelTest {
    @Test
    void seededSymmetricMostlyInsideCommunitiesWithAPerCommunitySplit() {
        StochasticBlockModel sbm = StochasticBlockModel.small();
        NodeClassificationGraph a = sbm.generate(3);
        NodeClassificationGraph b = sbm.generate(3);
        assertEquals(a.adjacency(), b.adjacency());
        assertEquals(a.features(), b.features());
        INDArray adj = a.adjacency();
        assertEquals(adj, adj.transpose());
        assertEquals(0.0, org.nd4j.linalg.factory.Nd4j.diag(adj).sumNumber().doubleValue());
        double inside = 0;
        double across = 0;
        for (int i = 0; i < 60; i++) {
            for (int j = 0; j < 60; j++) {
                if (i / 20 == j / 20) {
                    inside += adj.getDouble(i, j);
                } else {
                    across += adj.getDouble(i, j);
                }
            }
        }
        assertTrue(inside > 5 * across, "inside " + inside + " across " + across);
        assertEquals(18, a.trainNodes().length());   // 6 of 20 in each of 3 communities
        assertEquals(42, a.testNodes().length());
        assertEquals(60, a.numNodes());
    }

    @Test
    void badInput() {
        assertBadInput(() -> new StochasticBlockModel(1, 5, 0.5, 0.1, 4, 1, 0.5), "communities 1");
        assertBadInput(() -> new StochasticBlockModel(2, 5, 1.5, 0.1, 4, 1, 0.5), "p_in 1.5");
        assertBadInput(() -> new StochasticBlockModel(2, 5, 0.5, 0.1, 4, 1, 1.0), "train fraction 1.0");
    }
}
