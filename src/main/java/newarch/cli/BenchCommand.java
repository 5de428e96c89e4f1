package newarch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import newarch.bench.BenchOptions;
import newarch.bench.BenchResult;
import newarch.bench.BenchTable;
import newarch.bench.Benchmark;
import newarch.bench.Benchmarks;

/** {@code bench [NAME...] --out DIR} (SPEC §4): runs benchmarks, prints a table, writes {@code DIR/bench.json}. */
final class BenchCommand implements Command {
    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String usage() {
        StringBuilder s = new StringBuilder(BenchOptions.USAGE).append("\nbenchmarks (all when none is named):");
        Benchmarks.all().forEach(b -> {
            s.append(String.format("%n  %-10s %s", b.name(), b.summary()));
            b.options().forEach((k, v) -> s.append(String.format("%n      %-12s %s", k, v)));
        });
        return s.toString();
    }

    @Override
    public String summary() {
        return "run performance benchmarks and write DIR/bench.json";
    }

    @Override
    public int run(String[] args) throws IOException {
        BenchOptions options = BenchOptions.parse(args);
        java.util.OptionalInt relaunched = WaitPolicy.relaunchedIfUnset(name(), args);
        if (relaunched.isPresent()) {
            return relaunched.getAsInt();
        }
        List<Benchmark> benchmarks = Benchmarks.resolve(options.names());
        Path out = options.out();
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UsageException("cannot create --out directory " + out + ": " + e);
        }
        BenchTable table = new BenchTable(System.out);
        table.header();
        List<BenchResult> results = new ArrayList<>();
        for (Benchmark b : benchmarks) {
            b.run(options, r -> {
                results.add(r);
                table.row(r);
            });
        }
        Path json = out.resolve("bench.json");
        Files.writeString(json, BenchResult.toJson(results));
        System.out.println("wrote " + json);
        return 0;
    }
}
