package newarch.io;

import java.nio.file.Path;

/**
 * A {@code .safetensors} file that cannot be read: its one-line message names the file, the
 * tensor when one is to blame, and the problem.
 */
public final class SafetensorsFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    SafetensorsFormatException(Path file, String problem) {
        super(Messages.oneLine(file + ": " + problem));
    }

    SafetensorsFormatException(Path file, String tensor, String problem) {
        super(Messages.oneLine(file + ": tensor '" + tensor + "': " + problem));
    }
}
