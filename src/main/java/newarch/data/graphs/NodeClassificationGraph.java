package newarch.data.graphs;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A graph for node classification: who is connected, what each node looks like, and its class, with a fixed split
 * of the nodes into those whose labels training may see and those held out.
 *
 * @param adjacency [N, N], 1 on an (undirected) edge, 0 elsewhere and on the diagonal
 * @param features  [N, F] node features
 * @param labels    [N] int64 class of each node
 * @param trainNodes int64 indices of the nodes with visible labels
 * @param testNodes  int64 indices of the held-out nodes
 */
public record NodeClassificationGraph(INDArray adjacency, INDArray features, INDArray labels, INDArray trainNodes,
                                      INDArray testNodes) {
    public long numNodes() {
        return adjacency.size(0);
    }
}
