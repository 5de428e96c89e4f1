package newarch.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Assertions on user errors: an IllegalArgumentException whose message is one line naming the argument and shape. */
public final class ErrorAssert {
    private ErrorAssert() {
    }

    /** Asserts {@code call} throws an IllegalArgumentException with a one-line message containing every fragment. */
    public static String assertBadInput(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        String message = e.getMessage();
        assertNotNull(message, "exception without a message");
        assertFalse(message.contains("\n"), () -> "message is not one line: " + message);
        for (String f : fragments) {
            assertTrue(message.contains(f), () -> "message \"" + message + "\" does not mention \"" + f + "\"");
        }
        return message;
    }

    /** Asserts {@code call} throws a {@link ShapeException} with exactly {@code expected} as its message. */
    public static void assertShapeError(String expected, Executable call) {
        ShapeException e = assertThrows(ShapeException.class, call);
        assertEquals(expected, e.getMessage());
    }
}
