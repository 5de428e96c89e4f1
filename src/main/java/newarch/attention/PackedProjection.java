package newarch.attention;

import newarch.tensor.MatMul;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused query/key/value projection of self-attention, split into heads, as one op:
 * x [B, L, E] ↦ (x Wᵀ + b) arranged as [3, B, h, L, E/h]. One product and one copy replace a product, three
 * slices and three head permutations, and the backward pass takes the packed gradient from
 * {@link ScaledDotProductAttention#attendPacked} without stacking three arrays again.
 */
final class PackedProjection {
    private PackedProjection() {
    }

    /**
     * @param x      [B, L, E]
     * @param weight [3E, E], rows ordered q, k, v (PyTorch's in_proj_weight)
     * @param bias   [3E] or null
     */
    static Tensor toHeads(Tensor x, Tensor weight, Tensor bias, int heads) {
        long b = x.size(0);
        long l = x.size(1);
        long e = x.size(2);
        long d = e / heads;
        INDArray rows = x.data().reshape('c', b * l, e);                                // [B·L, E], a view if x is
        // The un-split product only lives until the head split below copies it: a pooled array, not fresh pages.
        INDArray projected = ScratchArrays.take(x.dataType(), new long[] {b * l, 3 * e});  // [B·L, 3E]
        MatMul.productInto(rows, weight.data(), projected, false, true);
        if (bias != null) {
            projected.addiRowVector(bias.data());
        }
        INDArray packed = projected.reshape('c', b, l, 3, heads, d).permute(2, 0, 3, 1, 4).dup('c'); // [3,B,h,L,d]
        ScratchArrays.give(projected);
        Tensor[] parents = bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias};
        return Tensor.fromOp("packed q/k/v projection", packed, g -> {
            INDArray merged = ScratchArrays.take(g.dataType(), new long[] {b, l, 3, heads, d});
            merged.assign(g.permute(1, 3, 0, 2, 4));                                     // [B, L, 3, h, d]
            INDArray gRows = merged.reshape('c', b * l, 3 * e);                          // [B·L, 3E], a view
            INDArray gx = x.requiresGrad() ? MatMul.product(gRows, weight.data(), false, false).reshape('c', b, l, e)
                    : null;
            INDArray gw = weight.requiresGrad() ? MatMul.product(gRows, rows, true, false) : null;
            INDArray gb = bias != null && bias.requiresGrad() ? MatMul.columnSums(gRows).reshape(3 * e) : null;
            ScratchArrays.give(merged);
            return bias == null ? new INDArray[] {gx, gw} : new INDArray[] {gx, gw, gb};
        }, parents);
    }
}
