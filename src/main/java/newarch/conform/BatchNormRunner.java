package newarch.conform;

import java.util.Map;
import newarch.nn.BatchNorm1d;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** torch.nn.BatchNorm1d in training or evaluation mode, with the running buffers after the call. */
final class BatchNormRunner implements KindRunner {
    @Override
    public Map<String, INDArray> run(Fixture f) {
        FixtureConfig c = f.config();
        BatchNorm1d bn = new BatchNorm1d(c.integer("num_features"), c.real("eps", 1e-5), c.real("momentum", 0.1),
                c.flag("affine", true));
        bn.loadStateDict(f.weights(), false);
        bn.train(c.flag("training", true));
        GradientRun run = new GradientRun(f);
        Tensor out = bn.forward(run.input("input"));
        run.output("output", out);
        run.output("running_mean", bn.runningMean());
        run.output("running_var", bn.runningVar());
        return run.finish(out, bn);
    }
}
