package newarch.grading;

/** A graded test's result as it goes into results.json. */
public record TestOutcome(String name, double score, double maxScore, boolean hidden, String output) {
    /** A test worth nothing (the notebook could not be graded at all) never counts as passed. */
    public boolean passed() {
        return maxScore > 0 && score >= maxScore;
    }
}
