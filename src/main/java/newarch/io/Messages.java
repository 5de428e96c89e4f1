package newarch.io;

/** Helpers for the package's error messages. */
final class Messages {

    private Messages() {
    }

    /** Collapses line breaks (e.g. from a path or a parser message) so every message stays on one line. */
    static String oneLine(String message) {
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
