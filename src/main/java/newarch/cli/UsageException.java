package newarch.cli;

/** The command line itself is wrong (missing or unknown arguments). */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
