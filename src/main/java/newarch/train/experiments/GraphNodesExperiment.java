package newarch.train.experiments;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import newarch.data.graphs.NodeClassificationGraph;
import newarch.data.graphs.StochasticBlockModel;
import newarch.models.graph.GraphAttentionClassifier;
import newarch.models.graph.NodeMlpClassifier;
import newarch.nn.Module;
import newarch.tensor.GradMode;
import newarch.tensor.Indexing;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import newarch.train.Adam;
import newarch.train.CrossEntropy;
import newarch.train.LearningRateSchedule;
import newarch.viz.LinePlot;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code experiment graph-nodes}: semi-supervised node classification on stochastic block model graphs — 4
 * communities of 50 nodes, p_in 0.1, p_out 0.005, 16 noisy features, 30 % of the labels visible — by the two-layer
 * {@link GraphAttentionClassifier} against {@link NodeMlpClassifier}, which sees each node's features only. Both are
 * 16 wide and trained full-batch with Adam (lr 0.01, 200 steps) on the visible labels; the accuracy is on the held-out
 * 70 % of the nodes. Swept over the feature noise σ, 5 graphs (seeds 1..5) each: when σ grows a node's own features
 * stop deciding its class, and only the model that reads the neighbourhood keeps up.
 */
final class GraphNodesExperiment {
    static final int COMMUNITIES = 4;
    static final int PER_COMMUNITY = 50;
    static final double P_IN = 0.1;
    static final double P_OUT = 0.005;
    static final int FEATURES = 16;
    static final double TRAIN_FRACTION = 0.3;
    static final double[] NOISE = {0.5, 1.0, 1.5, 2.0, 2.5, 3.0};
    static final double HEADLINE_NOISE = 2.0;
    static final long[] SEEDS = {1, 2, 3, 4, 5};
    static final int HIDDEN = 16;
    static final int STEPS = 200;
    static final double LEARNING_RATE = 0.01;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .create();

    private final Results results;

    GraphNodesExperiment(Results results) {
        this.results = results;
    }

    static StochasticBlockModel graphModel(double noise) {
        return new StochasticBlockModel(COMMUNITIES, PER_COMMUNITY, P_IN, P_OUT, FEATURES, noise, TRAIN_FRACTION);
    }

    /** A node classifier: features [N, F] and adjacency [N, N] → logits [N, classes], with its parameters. */
    record NodeModel(Module module, Function<Tensor, Tensor> logits) {
    }

    static NodeModel gat(NodeClassificationGraph g, long seed) {
        GraphAttentionClassifier m = new GraphAttentionClassifier(FEATURES, HIDDEN, COMMUNITIES, new Rng(seed));
        return new NodeModel(m, x -> m.forward(x, g.adjacency()));
    }

    static NodeModel mlp(long seed) {
        NodeMlpClassifier m = new NodeMlpClassifier(FEATURES, HIDDEN, COMMUNITIES, new Rng(seed));
        return new NodeModel(m, m::forward);
    }

    /** Trains on the visible labels, full batch, and returns the accuracy on the held-out nodes. */
    static double trainAndTest(NodeModel model, NodeClassificationGraph g, int steps) {
        Tensor x = Tensor.constant(g.features());                                   // [N, F]
        INDArray trainLabels = g.labels().get(g.trainNodes());
        CrossEntropy loss = new CrossEntropy();
        Adam adam = new Adam(model.module().parameters(), step -> LEARNING_RATE, 0.9, 0.999, 1e-8, 0, false);
        model.module().train(true);
        for (int s = 1; s <= steps; s++) {
            adam.zeroGrad();
            Tensor logits = Indexing.indexSelect(model.logits().apply(x), 0, g.trainNodes()); // [train, classes]
            loss.loss(logits, trainLabels).backward();
            adam.step();
        }
        model.module().eval();
        try (GradMode ignored = GradMode.off()) {
            INDArray predicted = model.logits().apply(x).data().argMax(1).castTo(DataType.LONG).get(g.testNodes());
            return predicted.eq(g.labels().get(g.testNodes())).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        }
    }

    JsonObject run() {
        JsonObject json = Results.header("graph-nodes", "graph attention vs an edge-blind MLP, node classification on"
                + " stochastic block model graphs");
        Map<String, Object> setup = new LinkedHashMap<>();
        setup.put("graph", "SBM " + COMMUNITIES + " x " + PER_COMMUNITY + " nodes, p_in " + P_IN + ", p_out " + P_OUT
                + ", " + FEATURES + " features (community centre +-1 per coordinate + N(0, noise^2))");
        setup.put("split", "per community " + TRAIN_FRACTION + " of the labels visible (train), the rest held out");
        setup.put("models", "GraphAttentionClassifier(" + FEATURES + ", " + HIDDEN + ", " + COMMUNITIES + ") vs"
                + " NodeMlpClassifier(" + FEATURES + ", " + HIDDEN + ", " + COMMUNITIES + ")");
        setup.put("training", "full batch, Adam lr " + LEARNING_RATE + " (0.9, 0.999), " + STEPS + " steps,"
                + " cross-entropy on the visible labels; init seed = graph seed");
        setup.put("seeds", SEEDS);
        json.add("setup", GSON.toJsonTree(setup));
        Map<String, Object> byNoise = new LinkedHashMap<>();
        double[] gatMean = new double[NOISE.length];
        double[] mlpMean = new double[NOISE.length];
        long gatParams = 0;
        long mlpParams = 0;
        for (int i = 0; i < NOISE.length; i++) {
            List<Double> gatAcc = new ArrayList<>();
            List<Double> mlpAcc = new ArrayList<>();
            for (long seed : SEEDS) {
                NodeClassificationGraph g = graphModel(NOISE[i]).generate(seed);
                NodeModel gat = gat(g, seed);
                NodeModel mlp = mlp(seed);
                gatParams = gat.module().parameterCount();
                mlpParams = mlp.module().parameterCount();
                gatAcc.add(trainAndTest(gat, g, STEPS));
                mlpAcc.add(trainAndTest(mlp, g, STEPS));
            }
            gatMean[i] = Results.mean(gatAcc);
            mlpMean[i] = Results.mean(mlpAcc);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("gat_test_accuracy", gatAcc);
            row.put("mlp_test_accuracy", mlpAcc);
            row.put("gat_mean", gatMean[i]);
            row.put("gat_std", Results.std(gatAcc));
            row.put("mlp_mean", mlpMean[i]);
            row.put("mlp_std", Results.std(mlpAcc));
            byNoise.put("noise " + NOISE[i], row);
            System.err.printf("graph-nodes: noise %.1f  GAT %.3f  MLP %.3f%n", NOISE[i], gatMean[i], mlpMean[i]);
        }
        json.addProperty("gat_parameters", gatParams);
        json.addProperty("mlp_parameters", mlpParams);
        json.addProperty("headline_noise", HEADLINE_NOISE);
        json.add("by_noise", GSON.toJsonTree(byNoise));
        json.addProperty("std", "sample standard deviation over the " + SEEDS.length + " graphs (n - 1)");
        LinePlot.create().title("SBM node classification: held-out accuracy (mean of " + SEEDS.length + " graphs)")
                .axisTitles("feature noise sigma", "held-out node accuracy").yRange(0, 1).markers(true)
                .series("graph attention (GAT-style, 2 layers)", NOISE, gatMean)
                .series("MLP on node features (no edges)", NOISE, mlpMean)
                .save(results.out().resolve("graph-nodes-accuracy.png"));
        return json;
    }
}
