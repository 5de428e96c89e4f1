package newarch.train.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import newarch.data.graphs.NodeClassificationGraph;
import newarch.data.graphs.StochasticBlockModel;
import newarch.models.graph.NodeMlpClassifier;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import newarch.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The pieces of the graph-nodes and digits experiments, on tiny data. */
class GraphNodesExperimentTest {
    @Test
    void theMlpBaselineReadsFeaturesOnly() {
        NodeMlpClassifier m = new NodeMlpClassifier(8, 5, 3, new Rng(1));
        assertArrayEquals(new long[] {7, 3}, m.forward(Tensor.constant(Nd4j.ones(DataType.FLOAT, 7, 8))).shape());
        assertEquals(8 * 5 + 5 + 5 * 3 + 3, m.parameterCount());
    }

    @Test
    void onCleanFeaturesBothModelsLearnTheCommunities() {
        // σ 0.3: the features alone decide, so both must be near perfect on the held-out nodes.
        NodeClassificationGraph g = new StochasticBlockModel(3, 20, 0.3, 0.02, 16, 0.3, 0.3).generate(1);
        double gat = GraphNodesExperiment.trainAndTest(GraphNodesExperiment.gat(g, 1), g, 60);
        double mlp = GraphNodesExperiment.trainAndTest(GraphNodesExperiment.mlp(1), g, 60);
        assertTrue(gat >= 0.9 && mlp >= 0.9, "gat " + gat + ", mlp " + mlp);
    }

    @Test
    void digitsRunsShareSeedStepsAndTheWholeTestSet() {
        for (String model : DigitsExperiment.MODELS) {
            TrainingConfig c = DigitsExperiment.config(model);
            assertEquals("digits", c.task());
            assertEquals(DigitsExperiment.SEED, c.seed());
            assertEquals(DigitsExperiment.STEPS, c.steps());
            assertEquals(1996, c.evalSize());
            assertTrue(Results.command(c, "runs/x").startsWith("newarch train --task digits --model " + model));
        }
    }
}
