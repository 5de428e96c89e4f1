package newarch.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The total a student sees is the sum of the per-test scores shown, each rounded to two decimals. */
class GradeReportTest {
    @Test
    void totalIsTheSumOfTheRoundedParts() {
        List<TestOutcome> tests = List.of(new TestOutcome("a", 1.0 / 3, 1.0 / 3, false, ""),
                new TestOutcome("b", 2.0 / 3 + 0.004, 2.0 / 3, false, ""),
                new TestOutcome("c", 4.6749, 5, true, ""));
        GradeReport r = new GradeReport("s.ipynb", "x", tests, List.of(), 1);
        assertEquals(0.33 + 0.67 + 4.67, r.score(), 1e-9);
        assertEquals(0.33 + 0.67 + 5, r.maxScore(), 1e-9);
    }
}
