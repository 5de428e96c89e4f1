package newarch.grading;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import newarch.io.Npy;
import newarch.sandbox.StudentRunner;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs a submission's cells and the probes in a separate, limited JVM ({@link StudentRunner}) and collects
 * its report. The grader's JVM never loads student code.
 */
public final class StudentProcess {
    private final SandboxLimits limits;

    public StudentProcess(SandboxLimits limits) {
        this.limits = limits;
    }

    /** The outcome: reported events, probe values, and how the JVM ended. */
    public record Run(SandboxEvents events, Map<String, INDArray> values, String ending) {
    }

    public Run run(List<String> cells, List<Probe> probes, Path work) throws IOException, InterruptedException {
        Path in = Files.createDirectories(work.resolve("in"));
        Path out = Files.createDirectories(work.resolve("out"));
        Path scratch = Files.createDirectories(work.resolve("scratch"));
        JsonObject job = new JsonObject();
        JsonArray cellArray = new JsonArray();
        cells.forEach(cellArray::add);
        job.add("cells", cellArray);
        JsonArray probeArray = new JsonArray();
        for (Probe p : probes) {
            JsonObject o = new JsonObject();
            o.addProperty("id", p.id());
            o.addProperty("code", p.code());
            probeArray.add(o);
            for (Map.Entry<String, INDArray> input : p.inputs().entrySet()) {
                Npy.write(in.resolve(input.getKey() + ".npy"), input.getValue());
            }
        }
        job.add("probes", probeArray);
        job.addProperty("cellTimeoutMs", limits.cellTimeoutMs());
        job.addProperty("probeTimeoutMs", limits.probeTimeoutMs());
        job.addProperty("outputLimit", limits.outputBytesPerCell());
        Files.writeString(work.resolve("job.json"), new Gson().toJson(job), StandardCharsets.UTF_8);

        ProcessBuilder pb = new ProcessBuilder(command(work)).directory(scratch.toFile());
        pb.environment().keySet().retainAll(List.of("PATH", "HOME", "LANG", "OPENBLAS_CORETYPE", "JAVA_HOME"));
        pb.environment().put("OMP_NUM_THREADS", "1"); // parallel grading: one core per submission
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Path stderr = work.resolve("jvm-stderr.txt");
        pb.redirectError(stderr.toFile());
        Process process = pb.start();
        String ending;
        if (process.waitFor(limits.totalTimeoutMs(), TimeUnit.MILLISECONDS)) {
            ending = process.exitValue() == 0 ? "finished" : "the notebook's JVM crashed (exit " + process.exitValue()
                    + ": " + lastLine(stderr) + ")";
        } else {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            ending = "the notebook used up its total time of " + limits.totalTimeoutMs() / 1000 + " s and was stopped";
        }
        return new Run(SandboxEvents.read(out.resolve("events.jsonl")), readValues(out, probes), ending);
    }

    private List<String> command(Path work) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + limits.heapMb() + "m");
        cmd.add("-Xss8m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:MaxMetaspaceSize=256m");
        cmd.add("-XX:ActiveProcessorCount=1");
        cmd.add("-Djava.security.manager=allow");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dorg.bytedeco.javacpp.maxbytes=" + limits.nativeMb() + "m");
        cmd.add("-Dorg.bytedeco.javacpp.maxphysicalbytes=" + (limits.nativeMb() + limits.heapMb() + 512) + "m");
        cmd.add("-cp");
        cmd.add(absoluteClassPath());
        cmd.add(StudentRunner.class.getName());
        cmd.add(work.toAbsolutePath().toString());
        return cmd;
    }

    /** The child runs in its scratch directory, so relative class-path entries must become absolute. */
    private static String absoluteClassPath() {
        StringBuilder sb = new StringBuilder();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty()) {
                sb.append(sb.length() == 0 ? "" : java.io.File.pathSeparator).append(Path.of(entry).toAbsolutePath());
            }
        }
        return sb.toString();
    }

    /** Probe outputs, read only when they are well-formed and of a sane size. */
    private static Map<String, INDArray> readValues(Path out, List<Probe> probes) {
        Map<String, INDArray> values = new java.util.LinkedHashMap<>();
        for (Probe p : probes) {
            Path f = out.resolve("probe-" + p.id() + ".npy");
            try {
                if (Files.isRegularFile(f) && Files.size(f) < (64L << 20)) {
                    values.put(p.id(), Npy.read(f));
                }
            } catch (IOException | IllegalArgumentException e) {
                // a malformed value counts as no value
            }
        }
        return values;
    }

    private static String lastLine(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return "no message";
            }
            byte[] bytes = Files.readAllBytes(file);
            String s = new String(bytes, Math.max(0, bytes.length - 2000), Math.min(bytes.length, 2000),
                    StandardCharsets.UTF_8).strip();
            String[] lines = s.split("\n");
            return lines.length == 0 ? "no message" : lines[lines.length - 1];
        } catch (IOException e) {
            return "no message";
        }
    }
}
