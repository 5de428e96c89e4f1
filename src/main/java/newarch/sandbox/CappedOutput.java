package newarch.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Where student prints go: the first {@code limit} bytes of each cell are kept for feedback, the rest is
 * counted and dropped, so a cell that prints 100 MB costs nothing but the counting.
 */
final class CappedOutput extends OutputStream {
    private final int limit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long total;

    CappedOutput(int limit) {
        this.limit = limit;
    }

    @Override
    public synchronized void write(int b) {
        total++;
        if (kept.size() < limit) {
            kept.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        total += len;
        int room = limit - kept.size();
        if (room > 0) {
            kept.write(b, off, Math.min(room, len));
        }
    }

    /** The kept text since the last call, with a note when output was dropped; then starts afresh. */
    synchronized String drain() {
        String text = kept.toString(StandardCharsets.UTF_8);
        if (total > kept.size()) {
            text += "\n[... " + (total - kept.size()) + " more bytes of output not shown]";
        }
        kept.reset();
        total = 0;
        return text;
    }
}
