package newarch.data.graphs;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A stochastic block model (Holland, Laskey &amp; Leinhardt 1983): nodes belong to communities, and each pair is joined
 * independently with probability {@code pIn} inside a community and {@code pOut} across. The label of a node is its
 * community. Its features are the community's centre plus Gaussian noise of {@code noise} per coordinate, so with
 * enough noise a node alone is ambiguous and its neighbourhood — mostly its own community — decides: the situation
 * where attending over the graph pays.
 *
 * @param communities   number of communities (= classes)
 * @param perCommunity  nodes in each community
 * @param pIn           edge probability inside a community
 * @param pOut          edge probability between communities
 * @param featureDim    F, the feature width
 * @param noise         standard deviation of the feature noise (centres have unit-size coordinates ±1)
 * @param trainFraction share of each community's nodes whose labels are visible in training
 */
public record StochasticBlockModel(int communities, int perCommunity, double pIn, double pOut, int featureDim,
                                   double noise, double trainFraction) {
    public StochasticBlockModel {
        if (communities < 2 || perCommunity < 2 || featureDim <= 0) {
            throw new IllegalArgumentException("stochastic block model: communities " + communities + " and nodes per "
                    + "community " + perCommunity + " must be at least 2, feature dim " + featureDim + " positive");
        }
        if (!(pIn >= 0 && pIn <= 1 && pOut >= 0 && pOut <= 1) || !(noise >= 0)) {
            throw new IllegalArgumentException("stochastic block model: p_in " + pIn + " and p_out " + pOut
                    + " must be probabilities and noise " + noise + " not negative");
        }
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("stochastic block model: train fraction " + trainFraction
                    + " must be strictly between 0 and 1");
        }
    }

    /** 3 communities of 20 nodes, p_in 0.3, p_out 0.02, 8 noisy features (σ 1.5), 30 % of labels visible. */
    public static StochasticBlockModel small() {
        return new StochasticBlockModel(3, 20, 0.3, 0.02, 8, 1.5, 0.3);
    }

    /** Draws one graph; the same seed gives the same graph, features and split. */
    public NodeClassificationGraph generate(long seed) {
        Random rng = new Random(seed);
        int n = communities * perCommunity;
        double[][] adjacency = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double p = i / perCommunity == j / perCommunity ? pIn : pOut;
                if (rng.nextDouble() < p) {
                    adjacency[i][j] = 1;
                    adjacency[j][i] = 1;
                }
            }
        }
        double[][] centres = new double[communities][featureDim];
        for (double[] c : centres) {
            for (int f = 0; f < featureDim; f++) {
                c[f] = rng.nextBoolean() ? 1 : -1;
            }
        }
        double[][] features = new double[n][featureDim];
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i / perCommunity;
            for (int f = 0; f < featureDim; f++) {
                features[i][f] = centres[(int) labels[i]][f] + noise * rng.nextGaussian();
            }
        }
        // The split is per community, so every class has visible labels.
        int visible = Math.max(1, (int) Math.round(trainFraction * perCommunity));
        List<Long> train = new ArrayList<>();
        List<Long> test = new ArrayList<>();
        for (int c = 0; c < communities; c++) {
            List<Long> members = new ArrayList<>();
            for (int k = 0; k < perCommunity; k++) {
                members.add((long) c * perCommunity + k);
            }
            java.util.Collections.shuffle(members, rng);
            train.addAll(members.subList(0, visible));
            test.addAll(members.subList(visible, perCommunity));
        }
        return new NodeClassificationGraph(Nd4j.createFromArray(adjacency), Nd4j.createFromArray(features).castTo(DataType.FLOAT),
                Nd4j.createFromArray(labels), Nd4j.createFromArray(train.stream().sorted().mapToLong(Long::longValue).toArray()),
                Nd4j.createFromArray(test.stream().sorted().mapToLong(Long::longValue).toArray()));
    }
}
