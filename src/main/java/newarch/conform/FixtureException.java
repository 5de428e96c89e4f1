package newarch.conform;

/** A problem with a fixture the user pointed us at: missing files, bad JSON, unknown kind, wrong shapes. */
public class FixtureException extends IllegalArgumentException {
    public FixtureException(String message) {
        super(message);
    }
}
