package newarch.tensor;

/** A user error about shapes or types: its message is one line that names the argument and the shapes. */
public class ShapeException extends IllegalArgumentException {
    public ShapeException(String message) {
        super(message);
    }
}
