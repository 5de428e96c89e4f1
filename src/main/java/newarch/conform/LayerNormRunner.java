package newarch.conform;

import java.util.Map;
import newarch.nn.LayerNorm;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** torch.nn.LayerNorm. */
final class LayerNormRunner implements KindRunner {
    @Override
    public Map<String, INDArray> run(Fixture f) {
        FixtureConfig c = f.config();
        LayerNorm norm = new LayerNorm(c.integers("normalized_shape"), c.real("eps", 1e-5),
                c.flag("elementwise_affine", true), c.flag("bias", true));
        norm.loadStateDict(f.weights(), false);
        GradientRun run = new GradientRun(f);
        Tensor out = norm.forward(run.input("input"));
        run.output("output", out);
        return run.finish(out, norm);
    }
}
