package newarch.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one {@link MemoryProbe} in a fresh JVM with this JVM's class path and reads its result. A fresh process per
 * configuration keeps measurements independent: nothing one configuration allocated (or the allocator kept) is
 * still resident when the next starts.
 *
 * <p>The child's Java heap has a fixed size and is touched at start-up, so it adds a constant to the resident set.
 * The child runs with {@code MALLOC_MMAP_THRESHOLD_=16384}: glibc then serves every allocation of 16 KiB or more
 * (all but the smallest ND4J buffers) with its own mapping and unmaps it on free, so a freed buffer leaves the
 * resident set at once instead of staying in the allocator's heap; without it, resident memory after a free says
 * little about what is still live.
 */
final class ChildProbe {
    static final String PREFIX = "PROBE ";

    private ChildProbe() {
    }

    static JsonObject run(List<String> args, long timeoutSeconds) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("-Djava.awt.headless=true");
        // A fixed, pre-touched Java heap: its resident pages stay constant, so changes of the resident set are ND4J's
        // native buffers alone (the arrays' Java wrappers are small).
        cmd.add("-Xms384m");
        cmd.add("-Xmx384m");
        cmd.add("-XX:+AlwaysPreTouch");
        // JavaCPP caps native memory at the Java heap size by default (here 384 MB), which would refuse the large
        // score matrices this probe exists to measure: lift the cap (0 = none), the --max-gb budget decides instead.
        cmd.add("-Dorg.bytedeco.javacpp.maxBytes=0");
        cmd.add("-Dorg.bytedeco.javacpp.maxPhysicalBytes=0");
        cmd.add(MemoryProbe.class.getName());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("MALLOC_MMAP_THRESHOLD_", "16384");
        pb.environment().putIfAbsent("OMP_NUM_THREADS", "1");
        try {
            Process p = pb.start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("probe " + args + " timed out after " + timeoutSeconds + " s");
            }
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith(PREFIX)) {
                    return JsonParser.parseString(lines.get(i).substring(PREFIX.length())).getAsJsonObject();
                }
            }
            String tail = String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
            throw new IllegalStateException("probe " + args + " exited with " + p.exitValue() + " and no result: "
                    + tail);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start probe JVM: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for probe " + args);
        }
    }
}
