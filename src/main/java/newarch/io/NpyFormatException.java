package newarch.io;

import java.nio.file.Path;

/** A {@code .npy} file that cannot be read: its one-line message names the file and the problem. */
public final class NpyFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    NpyFormatException(Path file, String problem) {
        super(Messages.oneLine(file + ": " + problem));
    }
}
