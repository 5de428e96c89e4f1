package newarch.models.gpt;

import newarch.nn.Init;
import newarch.nn.Module;
import newarch.tensor.MatMul;
import newarch.tensor.Rng;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;

/**
 * GPT's "Conv1D": a linear map y = x W + b whose weight is stored [in, out], the transpose of nn.Linear. The name
 * survives from the original TensorFlow code, where it was a width-1 convolution; keeping the layout lets GPT-2
 * checkpoints load without transposing anything.
 */
public class Conv1D extends Module {
    private final long inFeatures;
    private final long outFeatures;
    private final Tensor weight;
    private final Tensor bias;

    /** Weight N(0, std²), bias zero: GPT-2's initialisation. */
    public Conv1D(long inFeatures, long outFeatures, double std, Rng rng) {
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = parameter("weight", Init.normal(rng, std, inFeatures, outFeatures));
        this.bias = parameter("bias", Init.zeros(outFeatures));
    }

    /** x [..., in] → [..., out]. */
    public Tensor forward(Tensor x) {
        if (x.rank() < 2 || x.size(-1) != inFeatures) {
            throw new ShapeException("Conv1D(" + inFeatures + "→" + outFeatures + "): input is " + Shapes.show(x.data())
                    + " but must be [..., " + inFeatures + "] with at least 2 dimensions");
        }
        return MatMul.matmul(x, weight).add(bias);
    }

    public Tensor weight() {
        return weight;
    }

    public Tensor bias() {
        return bias;
    }
}
