package newarch.grading;

import java.util.List;
import java.util.function.Function;

/**
 * A test of an assignment: the probes it runs in the student JVM and the judge that, in the grader's JVM,
 * compares what came back with what the library computes.
 *
 * @param exercise the exercise it checks ("1.2"), used to point feedback at the right cell
 * @param hidden   hidden tests show their name and feedback only after grades are released
 */
public record GradedTest(String name, String exercise, double maxScore, boolean hidden, List<Probe> probes,
                         Function<ProbeResults, Verdict> judge) {
}
