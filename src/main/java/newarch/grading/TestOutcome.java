package newarch.grading;

/** A graded test's result as it goes into results.json. */
public record TestOutcome(String name, double score, double maxScore, boolean hidden, String output) {
    public boolean passed() {
        return score >= maxScore;
    }
}
