package newarch.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AccessController;
import java.security.PrivilegedAction;
import newarch.io.Npy;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The only channel from a graded probe back to the grader: {@code save} writes the value a probe computed as
 * an .npy file, and only for the probe the runner is evaluating at that moment (a cell cannot pre-fill answers).
 */
public final class ProbeSink {
    private static volatile String activeProbe;
    private static Path inputs;
    private static Path outputs;

    private ProbeSink() {
    }

    static void configure(Path in, Path out) {
        inputs = in;
        outputs = out;
    }

    static void activate(String probeId) {
        activeProbe = probeId;
    }

    /** A probe input by name (inputs are not secret: they are what the student's function is called with). */
    public static INDArray input(String name) {
        return AccessController.doPrivileged((PrivilegedAction<INDArray>) () -> Npy.read(inputs.resolve(name + ".npy")));
    }

    public static Tensor tensorInput(String name) {
        return Tensor.constant(input(name));
    }

    /** Records a probe's value: a Tensor, an INDArray, a number or a boolean. */
    public static void save(String probeId, Object value) {
        if (probeId == null || !probeId.equals(activeProbe)) {
            throw new IllegalStateException("no probe '" + probeId + "' is being evaluated");
        }
        INDArray array = toArray(value);
        AccessController.doPrivileged((PrivilegedAction<Void>) () -> {
            Path file = outputs.resolve("probe-" + probeId + ".npy");
            Npy.write(file, array);
            return null;
        });
        activeProbe = null;
    }

    private static INDArray toArray(Object value) {
        if (value instanceof Tensor t) {
            return t.data();
        }
        if (value instanceof INDArray a) {
            return a;
        }
        if (value instanceof Number n) {
            return Nd4j.scalar(DataType.DOUBLE, n.doubleValue());
        }
        if (value instanceof Boolean b) {
            return Nd4j.scalar(DataType.DOUBLE, b ? 1 : 0);
        }
        if (value == null) {
            throw new IllegalArgumentException("the function returned null");
        }
        throw new IllegalArgumentException("the function returned a " + value.getClass().getSimpleName()
                + ", expected a Tensor, an INDArray or a number");
    }

    static boolean exists(String probeId) {
        return Files.exists(outputs.resolve("probe-" + probeId + ".npy"));
    }
}
