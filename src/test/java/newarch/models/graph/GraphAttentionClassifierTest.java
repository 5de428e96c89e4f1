package newarch.models.graph;

import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.normal;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertTrue;

import newarch.data.graphs.NodeClassificationGraph;
import newarch.data.graphs.StochasticBlockModel;
import newarch.tensor.GradMode;
import newarch.tensor.Indexing;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import newarch.train.Adam;
import newarch.train.CrossEntropy;
import newarch.train.LearningRateSchedule;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The two-layer node classifier: gradients, and it learns the communities of a stochastic block model. */
class GraphAttentionClassifierTest {

    @Test
    void gradients() {
        NodeClassificationGraph g = new StochasticBlockModel(2, 3, 0.8, 0.2, 3, 1.0, 0.5).generate(1);
        GraphAttentionClassifier m = randomized(new GraphAttentionClassifier(3, 4, 2, new Rng(2)), new Rng(3), 0.7);
        assertModuleGradients(m, in -> m.forward(in.get(0), g.adjacency()), normal(new Rng(4), 6, 3));
    }

    @Test
    void learnsTheCommunitiesOfHeldOutNodes() {
        NodeClassificationGraph g = StochasticBlockModel.small().generate(7);
        GraphAttentionClassifier m = new GraphAttentionClassifier(8, 16, 3, new Rng(8));
        Adam adam = Adam.adam(m.parameters(), LearningRateSchedule.constant(0.01));
        CrossEntropy loss = new CrossEntropy();
        Tensor x = Tensor.constant(g.features());
        INDArray trainLabels = g.labels().get(g.trainNodes());
        for (int step = 0; step < 150; step++) {
            adam.zeroGrad();
            Tensor logits = Indexing.indexSelect(m.forward(x, g.adjacency()), 0, g.trainNodes());
            loss.loss(logits, trainLabels).backward();
            adam.step();
        }
        double accuracy;
        try (GradMode ignored = GradMode.off()) {
            INDArray predicted = Nd4j.argMax(m.forward(x, g.adjacency()).data(), 1).get(g.testNodes());
            accuracy = predicted.eq(g.labels().get(g.testNodes())).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                    .meanNumber().doubleValue();
        }
        double acc = accuracy;
        assertTrue(acc >= 0.85, () -> "held-out accuracy " + acc);
    }
}
