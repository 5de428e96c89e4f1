package newarch.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line text progress bar for training loops and long notebook cells: {@code [#####.....] 50/100 3.1 s
 * loss 0.42}. It redraws with a carriage return, which terminals and Jupyter both honour, at most ten times a
 * second so that printing never costs more than the work.
 */
public final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final String label;
    private final long total;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private long lastDraw;
    private long done;
    private String status = "";

    public ProgressBar(String label, long total, PrintStream out) {
        if (total <= 0) {
            throw new IllegalArgumentException("a progress bar needs a positive total, got " + total);
        }
        this.label = label;
        this.total = total;
        this.out = out;
    }

    public ProgressBar(String label, long total) {
        this(label, total, System.out);
    }

    /** Marks {@code n} more units done, with an optional status such as the current loss. */
    public void step(long n, String newStatus) {
        done = Math.min(total, done + n);
        status = newStatus == null ? "" : newStatus;
        long now = System.nanoTime();
        if (done == total || now - lastDraw >= REDRAW_NANOS) {
            lastDraw = now;
            out.print("\r" + render());
            out.flush();
        }
    }

    public void step(String newStatus) {
        step(1, newStatus);
    }

    String render() {
        int filled = (int) (WIDTH * done / total);
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format(Locale.ROOT, "%s [%s%s] %d/%d %.1f s%s", label, "#".repeat(filled),
                ".".repeat(WIDTH - filled), done, total, seconds, status.isEmpty() ? "" : " " + status);
    }

    @Override
    public void close() {
        out.print("\r" + render() + "\n");
        out.flush();
    }
}
