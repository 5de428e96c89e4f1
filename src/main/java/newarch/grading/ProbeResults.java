package newarch.grading;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What the student's code returned for each probe, or why it returned nothing. */
public record ProbeResults(Map<String, INDArray> values, Map<String, String> errors) {
    public INDArray value(String probeId) {
        return values.get(probeId);
    }

    /** Why a probe has no value: the exception, compile error or time-out, in words for the student. */
    public String error(String probeId) {
        String e = errors.get(probeId);
        return e != null ? e : "your code did not produce a value (the notebook stopped before this test ran)";
    }
}
