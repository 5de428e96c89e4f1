package newarch.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code java -jar newarch.jar <command>}: one entry point for conformance, benchmarks, training and grading. */
public final class Main {
    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        register(new ConformCommand());
        register(new BenchCommand());
        register(new ParamsCommand());
        register(new TrainCommand());
        register(new ExperimentCommand());
        register(new PretrainCommand());
        register(new NotebooksCommand());
        register(new GradeCommand());
    }

    private Main() {
    }

    private static void register(Command c) {
        COMMANDS.put(c.name(), c);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command and returns its exit code: 0 done, 2 bad input, 1 an internal failure. */
    public static int run(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            printHelp();
            return args.length == 0 ? 2 : 0;
        }
        Command c = COMMANDS.get(args[0]);
        if (c == null) {
            System.err.println("newarch: unknown command '" + args[0] + "' (try --help)");
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (rest.length > 0 && (rest[0].equals("--help") || rest[0].equals("-h"))) {
            System.out.println("usage: newarch " + c.usage() + "\n" + c.summary());
            return 0;
        }
        try {
            return c.run(rest);
        } catch (IllegalArgumentException | UsageException e) {
            System.err.println("newarch " + c.name() + ": " + oneLine(e.getMessage()));
            return 2;
        } catch (Exception | OutOfMemoryError e) {
            System.err.println("newarch " + c.name() + ": internal error: " + e.getClass().getSimpleName() + ": "
                    + oneLine(e.getMessage()));
            return 1;
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').strip();
    }

    private static void printHelp() {
        System.out.println("newarch — the Transformer family, executable\n\nusage: java -jar newarch.jar <command> [args]\n");
        System.out.println("commands:");
        COMMANDS.values().forEach(c -> System.out.printf("  %-9s %s%n", c.name(), c.summary()));
        System.out.println("\n'newarch <command> --help' shows a command's arguments.");
    }
}
