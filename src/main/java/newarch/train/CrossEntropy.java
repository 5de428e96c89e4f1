package newarch.train;

import newarch.tensor.Reshaping;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Softmax;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Cross-entropy of logits against class indices, as torch.nn.functional.cross_entropy: classes on dimension 1
 * ({@code [N, C]} or {@code [N, C, d1, ...]}), optional label smoothing (the target becomes (1−ε)·one-hot + ε/C),
 * an ignored target value, and mean, sum or no reduction. One fused op: its gradient is softmax − target.
 */
public final class CrossEntropy {
    public enum Reduction { MEAN, SUM, NONE }

    private final double labelSmoothing;
    private final long ignoreIndex;
    private final Reduction reduction;

    public CrossEntropy(double labelSmoothing, long ignoreIndex, Reduction reduction) {
        if (labelSmoothing < 0 || labelSmoothing > 1) {
            throw new IllegalArgumentException("label_smoothing is " + labelSmoothing + " but must be in [0, 1]");
        }
        this.labelSmoothing = labelSmoothing;
        this.ignoreIndex = ignoreIndex;
        this.reduction = reduction;
    }

    /** Plain cross-entropy, mean over targets, ignoring -100 as PyTorch does. */
    public CrossEntropy() {
        this(0, -100, Reduction.MEAN);
    }

    /**
     * The loss of per-position predictions: logits {@code [B, T, V]} against ids {@code [B, T]}, the layout every
     * sequence model produces (classes last, unlike {@link #loss}, which wants them on dimension 1 like PyTorch).
     */
    public Tensor sequenceLoss(Tensor logits, INDArray targets) {
        Shapes.requireMinRank("logits", logits, 1);
        if (targets.length() * logits.size(-1) != logits.data().length()) {
            throw new ShapeException("logits " + Shapes.show(logits.data()) + " do not hold one row of "
                    + logits.size(-1) + " classes per target of targets " + Shapes.show(targets));
        }
        return loss(logits.reshape(-1, logits.size(-1)),
                targets.reshape('c', new long[] {targets.length()})); // not reshape(char, long...): 'c' is no size
    }

    public Tensor loss(Tensor logits, INDArray targets) {
        Shapes.requireMinRank("logits", logits, 1);
        Shapes.requireFloating("logits", logits);
        // NaN logits mean training has already diverged; say so here rather than report a NaN loss later.
        if (logits.data().isNaN().any()) {
            throw new ShapeException("logits " + Shapes.show(logits.data())
                    + " contain NaN: the forward pass diverged (try a lower learning rate or gradient clipping)");
        }
        Tensor rows = classesLast(logits);                  // [M, C]
        long m = rows.size(0);
        long c = rows.size(1);
        INDArray target = targetDistribution(logits, targets, m, c); // [M, C] with zero rows where ignored
        INDArray weightPerRow = target.sum(1);              // 1 for counted rows, 0 for ignored ones
        long counted = Math.round(weightPerRow.sumNumber().doubleValue());
        INDArray logp = logSoftmaxRows(rows.data());
        INDArray perRow = target.mul(logp).sum(1).negi();   // [M]
        INDArray value;
        double scale;
        if (reduction == Reduction.NONE) {
            value = perRow.reshape(targets.shape());
            scale = 1;
        } else {
            double total = perRow.sumNumber().doubleValue();
            scale = reduction == Reduction.MEAN ? 1.0 / counted : 1.0;
            value = Nd4j.scalar(logits.dataType(), reduction == Reduction.MEAN ? total / counted : total);
        }
        Tensor loss = Tensor.fromOp("crossEntropy", value, g -> {
            // d loss / d logits = (softmax − target) for each counted row, scaled by the upstream gradient.
            INDArray p = Transforms.exp(logp, true).muliColumnVector(weightPerRow.reshape(m, 1));
            INDArray grad = p.subi(target);
            if (reduction == Reduction.NONE) {
                grad.muliColumnVector(g.reshape(m, 1));
            } else {
                grad.muli(g.getDouble(0) * scale);
            }
            return new INDArray[] {grad};
        }, rows);
        return loss;
    }

    private INDArray targetDistribution(Tensor logits, INDArray targets, long m, long c) {
        long[] expected = expectedTargetShape(logits.shape());
        if (targets.dataType().isFPType()) {
            if (!java.util.Arrays.equals(targets.shape(), logits.shape())) {
                throw new ShapeException("class-probability target is " + Shapes.show(targets) + " but logits are "
                        + Shapes.show(logits.data()) + ": they must have the same shape");
            }
            INDArray probs = classesLastArray(targets.castTo(logits.dataType()), c);
            return probs.mul(1 - labelSmoothing).addi(labelSmoothing / c);
        }
        if (!java.util.Arrays.equals(targets.shape(), expected)) {
            throw new ShapeException("target is " + Shapes.show(targets) + " but logits are " + Shapes.show(logits.data())
                    + ": target must be " + Shapes.show(expected) + " (the logits' shape without the class dimension 1)");
        }
        long[] ids = targets.castTo(DataType.LONG).reshape(m).toLongVector();
        double[] dist = new double[Math.toIntExact(m * c)];
        for (int i = 0; i < m; i++) {
            if (ids[i] == ignoreIndex) {
                continue;
            }
            if (ids[i] < 0 || ids[i] >= c) {
                throw new ShapeException("target holds class " + ids[i] + " at flat position " + i + " but logits have "
                        + c + " classes (ignore_index is " + ignoreIndex + ")");
            }
            for (int j = 0; j < c; j++) {
                dist[(int) (i * c + j)] = labelSmoothing / c;
            }
            dist[(int) (i * c + ids[i])] += 1 - labelSmoothing;
        }
        return Nd4j.createFromArray(dist).reshape(m, c).castTo(logits.dataType());
    }

    private static long[] expectedTargetShape(long[] logits) {
        if (logits.length == 1) {
            return new long[0];
        }
        long[] t = new long[logits.length - 1];
        t[0] = logits[0];
        System.arraycopy(logits, 2, t, 1, logits.length - 2);
        return t;
    }

    /** [N, C, d...] → [N·d..., C]; [C] → [1, C]. */
    private static Tensor classesLast(Tensor logits) {
        int r = logits.rank();
        if (r == 1) {
            return logits.reshape(1, logits.size(0));
        }
        if (r == 2) {
            return logits;
        }
        int[] axes = new int[r];
        axes[0] = 0;
        for (int i = 2; i < r; i++) {
            axes[i - 1] = i;
        }
        axes[r - 1] = 1;
        return Reshaping.permute(logits, axes).reshape(-1, logits.size(1));
    }

    private static INDArray classesLastArray(INDArray a, long c) {
        return classesLast(Tensor.constant(a)).data().reshape(-1, c);
    }

    private static INDArray logSoftmaxRows(INDArray rows) {
        return Softmax.logSoftmax(Tensor.constant(rows), 1).data();
    }
}
