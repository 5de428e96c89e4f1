package newarch.grading.assignments;

import java.util.List;
import java.util.function.Function;
import newarch.grading.NumericCheck;
import newarch.grading.Probe;
import newarch.grading.ProbeResults;
import newarch.grading.Verdict;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Builds judges that compare each probe's value with the library's, with partial credit per probe. */
final class Judges {
    static final double RTOL = 1e-4;
    static final double ATOL = 1e-5;

    private Judges() {
    }

    /** A probe together with the value the library computes for the same inputs. */
    record Expectation(Probe probe, INDArray expected, String what) {
    }

    /** A test with one probe, judged against one expected value. */
    static newarch.grading.GradedTest single(String name, String exercise, double points, boolean hidden, Probe probe,
                                             INDArray expected, String what, String hint) {
        return new newarch.grading.GradedTest(name, exercise, points, hidden, List.of(probe),
                allClose(List.of(new Expectation(probe, expected, what)), hint));
    }

    static Function<ProbeResults, Verdict> allClose(List<Expectation> cases, String hint) {
        return results -> {
            int passed = 0;
            StringBuilder messages = new StringBuilder();
            for (Expectation c : cases) {
                Verdict v = NumericCheck.compare(c.what(), c.expected(), results.value(c.probe().id()), RTOL, ATOL, hint);
                passed += v.passed() ? 1 : 0;
                messages.append(messages.length() == 0 ? "" : "\n").append(v.message());
            }
            return new Verdict((double) passed / cases.size(), messages.toString());
        };
    }
}
