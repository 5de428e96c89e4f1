package newarch.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The backward pass: visits the graph in reverse topological order and sums gradients per node. */
final class Autograd {
    private Autograd() {
    }

    static void backward(Tensor root, INDArray upstream) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward(): " + root.describe()
                    + " does not depend on any parameter (was it computed under GradMode.off()?)");
        }
        if (!Arrays.equals(root.shape(), upstream.shape())) {
            throw new IllegalArgumentException("backward(): upstream gradient is " + Shapes.show(upstream)
                    + " but " + root.describe() + " is " + Shapes.show(root.data()));
        }
        Shapes.requireSameType("upstream gradient", upstream, root.describe(), root.data());
        List<Tensor> order = topologicalOrder(root);
        Map<Tensor, INDArray> pending = new IdentityHashMap<>();
        // Gradients handed out by backward rules may be shared (add passes g to both parents) or be the
        // caller's upstream array: only sums we allocated ourselves are updated in place.
        Map<Tensor, Boolean> owned = new IdentityHashMap<>();
        pending.put(root, upstream);
        for (Tensor node : order) {
            INDArray g = pending.remove(node);
            if (g == null) {
                continue;
            }
            if (node.isLeaf()) {
                node.accumulateGrad(g);
                continue;
            }
            INDArray[] parentGrads = node.applyRule(g);
            Tensor[] parents = node.parents();
            for (int i = 0; i < parents.length; i++) {
                Tensor p = parents[i];
                if (!p.requiresGrad() || parentGrads[i] == null) {
                    continue;
                }
                INDArray pg = parentGrads[i];
                if (!Arrays.equals(pg.shape(), p.shape())) {
                    throw new IllegalStateException("internal: " + node.op() + " produced a gradient "
                            + Shapes.show(pg) + " for a parent of shape " + Shapes.show(p.data()));
                }
                INDArray sofar = pending.get(p);
                if (sofar == null) {
                    pending.put(p, pg);
                } else if (owned.containsKey(p)) {
                    sofar.addi(pg);
                } else {
                    pending.put(p, sofar.add(pg));
                    owned.put(p, true);
                }
            }
        }
    }

    /** Nodes that need a gradient, each after every node that uses it (iterative: graphs can be deep). */
    private static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> postOrder = new ArrayList<>();
        Map<Tensor, Boolean> visited = new IdentityHashMap<>();
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, 0});
        visited.put(root, true);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor t = (Tensor) frame[0];
            int next = (Integer) frame[1];
            Tensor[] ps = t.parents();
            if (next < ps.length) {
                frame[1] = next + 1;
                Tensor p = ps[next];
                if (p.requiresGrad() && visited.put(p, true) == null) {
                    stack.push(new Object[] {p, 0});
                }
            } else {
                stack.pop();
                postOrder.add(t);
            }
        }
        java.util.Collections.reverse(postOrder);
        return postOrder;
    }
}
