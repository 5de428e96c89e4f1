package newarch.cli;

import java.nio.file.Path;
import newarch.train.experiments.Results;

/**
 * {@code experiment NAME [--out DIR] [--runs DIR]}: reproduces one result of {@code docs/results.md} (or {@code all})
 * with its fixed seeds — trains the runs into {@code --runs} (reusing finished ones), then writes {@code NAME.json}
 * and the plots into {@code --out}. See {@link Results}.
 */
final class ExperimentCommand implements Command {
    @Override
    public String name() {
        return "experiment";
    }

    @Override
    public String usage() {
        return "experiment NAME [--out docs/results] [--runs runs/results] [--threads N] [--finished-only]\nexperiments: "
                + String.join(", ", Results.NAMES) + ", all";
    }

    @Override
    public String summary() {
        return "reproduce a result of docs/results.md with fixed seeds: metrics JSON and PNG plots";
    }

    @Override
    public int run(String[] args) {
        if (args.length < 1 || args[0].startsWith("--")) {
            throw new UsageException("give the experiment's name: " + String.join(", ", Results.NAMES) + ", all");
        }
        Path out = Path.of("docs/results");
        Path runs = Path.of("runs/results");
        Integer threads = null;
        boolean finishedOnly = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--finished-only")) {
                finishedOnly = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new UsageException(args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--runs" -> runs = Path.of(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> throw new UsageException("unknown option '" + args[i] + "'");
            }
        }
        Threads.limit(threads);
        new Results(out, runs, finishedOnly).run(args[0]);
        return 0;
    }
}
