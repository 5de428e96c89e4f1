package newarch.cli;

import java.nio.file.Path;
import java.util.List;
import newarch.course.NotebookGenerator;

/** {@code notebooks generate [--check] [--root DIR]}: builds notebooks/, exercises/, solutions/ from course/. */
final class NotebooksCommand implements Command {
    @Override
    public String name() {
        return "notebooks";
    }

    @Override
    public String usage() {
        return "notebooks generate [--check] [--root PROJECT_DIR]";
    }

    @Override
    public String summary() {
        return "generate lecture, exercise and solution notebooks from course/ (--check: fail if out of date)";
    }

    @Override
    public int run(String[] args) throws Exception {
        if (args.length == 0 || !args[0].equals("generate")) {
            throw new UsageException("expected 'generate'");
        }
        boolean check = false;
        Path root = Path.of(".");
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--check" -> check = true;
                case "--root" -> {
                    if (++i >= args.length) {
                        throw new UsageException("--root needs a directory");
                    }
                    root = Path.of(args[i]);
                }
                default -> throw new UsageException("unknown option '" + args[i] + "'");
            }
        }
        if (!java.nio.file.Files.isDirectory(root.resolve("course"))) {
            throw new UsageException("no course/ directory under " + root.toAbsolutePath().normalize());
        }
        NotebookGenerator generator = new NotebookGenerator(root);
        if (check) {
            List<Path> stale = generator.outOfDate();
            if (!stale.isEmpty()) {
                System.err.println("newarch notebooks: out of date with course/: " + stale
                        + " (run: java -jar target/newarch.jar notebooks generate)");
                return 1;
            }
            System.out.println("notebooks are in sync with course/");
            return 0;
        }
        generator.write().forEach(p -> System.out.println("wrote " + p));
        return 0;
    }
}
