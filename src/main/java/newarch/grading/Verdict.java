package newarch.grading;

/** How well a test went: the fraction of its points earned and feedback written for the student. */
public record Verdict(double fraction, String message) {
    public static Verdict pass(String message) {
        return new Verdict(1, message);
    }

    public static Verdict fail(String message) {
        return new Verdict(0, message);
    }

    public boolean passed() {
        return fraction >= 1;
    }
}
