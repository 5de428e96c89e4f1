package newarch.grading;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One call into the student's code, evaluated inside the student JVM: Java source that passes inputs to a
 * student function and hands the result to {@code ProbeSink.save}. Inputs are files the student JVM may read;
 * what the result should be never leaves the grader.
 */
public record Probe(String id, String code, Map<String, INDArray> inputs) {
    /** An argument of a probe call: a tensor or an array input (written as a file), or a Java literal. */
    public sealed interface Arg permits TensorArg, ArrayArg, Literal {
    }

    public record TensorArg(INDArray value) implements Arg {
    }

    /** Passed as a plain INDArray (token ids, padding masks), not wrapped in a Tensor. */
    public record ArrayArg(INDArray value) implements Arg {
    }

    public record Literal(String javaSource) implements Arg {
    }

    public static Arg tensor(INDArray value) {
        return new TensorArg(value);
    }

    public static Arg array(INDArray value) {
        return new ArrayArg(value);
    }

    public static Arg literal(Object value) {
        return new Literal(String.valueOf(value));
    }

    /** {@code ProbeSink.save(id, function(args...))}. */
    public static Probe call(String id, String function, Arg... args) {
        Map<String, INDArray> inputs = new LinkedHashMap<>();
        StringBuilder call = new StringBuilder(function).append('(');
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                call.append(", ");
            }
            if (args[i] instanceof TensorArg t) {
                String name = id + "_" + i;
                inputs.put(name, t.value());
                call.append("newarch.sandbox.ProbeSink.tensorInput(\"").append(name).append("\")");
            } else if (args[i] instanceof ArrayArg a) {
                String name = id + "_" + i;
                inputs.put(name, a.value());
                call.append("newarch.sandbox.ProbeSink.input(\"").append(name).append("\")");
            } else {
                call.append(((Literal) args[i]).javaSource());
            }
        }
        call.append(')');
        return new Probe(id, "newarch.sandbox.ProbeSink.save(\"" + id + "\", " + call + ");", inputs);
    }
}
