package newarch.conform;

import java.util.LinkedHashMap;
import java.util.Map;
import newarch.nn.Module;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Collects a fixture's outputs: the forward values, and, when the fixture gives {@code grad_output}, the
 * gradients {@code grad.<input>} and {@code grad.<weight key>} after one backward pass from the first output.
 */
final class GradientRun {
    private final Fixture fixture;
    private final Map<String, Tensor> inputs = new LinkedHashMap<>();
    private final Map<String, INDArray> outputs = new LinkedHashMap<>();

    GradientRun(Fixture fixture) {
        this.fixture = fixture;
    }

    /** A floating input as a tensor; it tracks its gradient when the fixture asks for gradients. */
    Tensor input(String name) {
        return inputs.computeIfAbsent(name, n -> {
            INDArray a = fixture.input(n);
            return fixture.wantsGradients() ? Tensor.parameter(a).named(n) : Tensor.constant(a).named(n);
        });
    }

    void output(String name, Tensor value) {
        outputs.put(name, value.data());
    }

    void output(String name, INDArray value) {
        outputs.put(name, value);
    }

    /** Runs backward from {@code primary} with grad_output and records every requested grad.* output. */
    Map<String, INDArray> finish(Tensor primary, Module module) {
        if (fixture.wantsGradients()) {
            primary.backward(fixture.input("grad_output").castTo(primary.dataType()));
            Map<String, Tensor> params = module == null ? Map.of() : module.namedParameters();
            for (String out : fixture.outputs()) {
                if (!out.startsWith("grad.")) {
                    continue;
                }
                String key = out.substring("grad.".length());
                Tensor t = inputs.containsKey(key) ? inputs.get(key) : params.get(key);
                if (t == null) {
                    throw new FixtureException(fixture.name() + ": output " + out + " names neither an input nor a weight");
                }
                outputs.put(out, t.grad() != null ? t.grad() : org.nd4j.linalg.factory.Nd4j.zeros(t.dataType(), t.shape()));
            }
        }
        return outputs;
    }
}
