package newarch.grading;

import java.util.List;

/** A graded assignment: its id (as in the notebook's metadata), title and tests. */
public interface Assignment {
    String id();

    String title();

    /** The tests; built fresh for each submission, with inputs from a fixed seed. */
    List<GradedTest> tests();

    default double maxScore() {
        return tests().stream().mapToDouble(GradedTest::maxScore).sum();
    }
}
