package newarch.conform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Locates ../shared/conformance/fixtures (the project's outside reference) from the working directory. */
public final class SharedFixtures {
    private SharedFixtures() {
    }

    public static Path root() {
        String override = System.getenv("NEWARCH_FIXTURES");
        return override != null ? Path.of(override) : Path.of("..", "shared", "conformance", "fixtures");
    }

    /** Fixture directories whose kind the library supports. */
    public static List<Path> supported() throws IOException {
        if (!Files.isDirectory(root())) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root())) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("fixture.json")))
                    .filter(d -> Conformance.kinds().contains(Fixture.load(d).kind()))
                    .sorted()
                    .toList();
        }
    }
}
