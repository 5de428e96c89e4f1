package newarch.bench;

import java.io.PrintStream;

/** The human-readable side of {@code bench}: a fixed-width table printed row by row as results arrive. */
public final class BenchTable {
    private static final String FORMAT = "%-10s %-14s %-18s %10s %-8s %10s %8s  %s%n";
    private final PrintStream out;

    public BenchTable(PrintStream out) {
        this.out = out;
    }

    public void header() {
        out.printf(FORMAT, "benchmark", "config", "metric", "value", "unit", "baseline", "ratio", "");
        out.flush();
    }

    public void row(BenchResult r) {
        out.printf(FORMAT, r.name(), r.label(), r.metric(), number(r.value(), 2), r.unit(), number(r.baseline(), 2),
                number(r.ratio(), 3), r.error() == null ? "" : r.error());
        out.flush();
    }

    private static String number(double x, int decimals) {
        return Double.isFinite(x) ? String.format("%." + decimals + "f", x) : "NaN";
    }
}
