package newarch.cli;

/** Placeholder replaced below. */
final class BenchCommand implements Command {
    public String name() { return "bench"; }
    public String usage() { return "bench [NAME...] --out DIR"; }
    public String summary() { return "benchmarks"; }
    public int run(String[] args) { throw new UsageException("not ready"); }
}
