package newarch.cli;

/** A subcommand of the command-line entry point. */
interface Command {
    String name();

    String usage();

    String summary();

    /** Returns the exit code; throws IllegalArgumentException or UsageException for bad input. */
    int run(String[] args) throws Exception;
}
