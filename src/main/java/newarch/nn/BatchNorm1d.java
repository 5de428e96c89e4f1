package newarch.nn;

import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch normalisation of [N, C] or [N, C, L] inputs per channel C. In training it normalises with the batch's
 * mean and biased variance and moves the running buffers toward them (with the unbiased variance, as PyTorch
 * does); in evaluation it uses the running buffers.
 */
public class BatchNorm1d extends Module {
    private final long channels;
    private final double eps;
    private final double momentum;
    private final Tensor weight;
    private final Tensor bias;

    public BatchNorm1d(long channels, double eps, double momentum, boolean affine) {
        this.channels = channels;
        this.eps = eps;
        this.momentum = momentum;
        this.weight = affine ? parameter("weight", Init.ones(channels)) : null;
        this.bias = affine ? parameter("bias", Init.zeros(channels)) : null;
        buffer("running_mean", Init.zeros(channels));
        buffer("running_var", Init.ones(channels));
        buffer("num_batches_tracked", org.nd4j.linalg.factory.Nd4j.scalar(0L));
    }

    public INDArray runningMean() {
        return buffer("running_mean");
    }

    public INDArray runningVar() {
        return buffer("running_var");
    }

    public Tensor forward(Tensor x) {
        if ((x.rank() != 2 && x.rank() != 3) || x.size(1) != channels) {
            throw new ShapeException("BatchNorm1d(" + channels + "): input is " + Shapes.show(x.data())
                    + " but must be [N, " + channels + "] or [N, " + channels + ", L]");
        }
        long[] s = x.shape();
        int[] axes = x.rank() == 2 ? new int[] {0} : new int[] {0, 2};
        long[] stat = x.rank() == 2 ? new long[] {1, channels} : new long[] {1, channels, 1};
        long count = x.data().length() / channels;
        INDArray xd = x.data();
        INDArray mean;
        INDArray var;
        if (isTraining()) {
            if (count < 2) {
                throw new ShapeException("BatchNorm1d in training needs more than one value per channel, but input is "
                        + Shapes.show(s));
            }
            mean = xd.mean(true, axes);
            INDArray c = xd.sub(mean.broadcast(s));
            var = c.mul(c).mean(true, axes);
            updateRunning(mean, var, count);
        } else {
            mean = runningMean().reshape(stat).castTo(xd.dataType());
            var = runningVar().reshape(stat).castTo(xd.dataType());
        }
        INDArray rstd = Transforms.pow(var.add(eps), -0.5, false);
        INDArray xhat = xd.sub(mean.broadcast(s)).muli(rstd.broadcast(s));
        INDArray y = xhat.dup();
        if (weight != null) {
            y.muli(weight.data().reshape(stat).broadcast(s)).addi(bias.data().reshape(stat).broadcast(s));
        }
        boolean batchStats = isTraining();
        Tensor[] parents = weight == null ? new Tensor[] {x} : new Tensor[] {x, weight, bias};
        return Tensor.fromOp("batchNorm", y, g -> {
            INDArray[] grads = new INDArray[parents.length];
            INDArray gxhat = weight == null ? g : g.mul(weight.data().reshape(stat).broadcast(s));
            if (x.requiresGrad()) {
                if (batchStats) {
                    INDArray sumG = gxhat.sum(true, axes);
                    INDArray sumGX = gxhat.mul(xhat).sum(true, axes);
                    grads[0] = gxhat.mul(count).subi(sumG.broadcast(s)).subi(xhat.mul(sumGX.broadcast(s)))
                            .muli(rstd.broadcast(s)).divi(count);
                } else {
                    grads[0] = gxhat.mul(rstd.broadcast(s));
                }
            }
            if (weight != null) {
                grads[1] = g.mul(xhat).sum(axes).reshape(channels);
                grads[2] = g.sum(axes).reshape(channels);
            }
            return grads;
        }, parents);
    }

    private void updateRunning(INDArray mean, INDArray var, long count) {
        INDArray m = mean.reshape(channels).castTo(runningMean().dataType());
        INDArray unbiased = var.reshape(channels).mul((double) count / (count - 1)).castTo(runningVar().dataType());
        setBuffer("running_mean", runningMean().mul(1 - momentum).addi(m.mul(momentum)));
        setBuffer("running_var", runningVar().mul(1 - momentum).addi(unbiased.mul(momentum)));
        setBuffer("num_batches_tracked", buffer("num_batches_tracked").add(1));
    }
}
