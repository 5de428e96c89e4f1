package newarch.conform;

import java.util.Map;
import newarch.tensor.Tensor;
import newarch.train.CrossEntropy;
import org.nd4j.linalg.api.ndarray.INDArray;

/** torch.nn.functional.cross_entropy; the loss is written as [1] for mean and sum, as the fixtures store it. */
final class CrossEntropyRunner implements KindRunner {
    @Override
    public Map<String, INDArray> run(Fixture f) {
        FixtureConfig c = f.config();
        String reduction = c.text("reduction", "mean");
        CrossEntropy ce = new CrossEntropy(c.real("label_smoothing", 0), (long) c.real("ignore_index", -100),
                switch (reduction) {
                    case "mean" -> CrossEntropy.Reduction.MEAN;
                    case "sum" -> CrossEntropy.Reduction.SUM;
                    case "none" -> CrossEntropy.Reduction.NONE;
                    default -> throw new FixtureException(f.name() + ": unknown reduction '" + reduction + "'");
                });
        Tensor logits = Tensor.parameter(f.input("logits")).named("logits");
        Tensor loss = ce.loss(logits, f.input("target"));
        // Without grad_output the gradient is that of the loss itself (a scalar, or the sum for 'none').
        loss.backward(f.hasInput("grad_output") ? f.input("grad_output").reshape(loss.shape()).castTo(loss.dataType())
                : org.nd4j.linalg.factory.Nd4j.onesLike(loss.data()));
        INDArray value = loss.rank() == 0 ? loss.data().reshape(1) : loss.data();
        return Map.of("loss", value, "grad.logits", logits.grad());
    }
}
