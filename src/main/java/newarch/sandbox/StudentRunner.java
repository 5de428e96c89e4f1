package newarch.sandbox;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.execution.LocalExecutionControlProvider;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The student JVM: runs a submission's code cells with the kernel's semantics (JShell), then the grader's
 * probes, and reports what happened as JSON lines. It knows nothing of expected values or scores.
 *
 * <p>Usage: {@code StudentRunner WORKDIR} with {@code WORKDIR/job.json}, inputs in {@code WORKDIR/in},
 * results written to {@code WORKDIR/out/events.jsonl}, student file writes confined to {@code WORKDIR/scratch}.
 */
public final class StudentRunner {
    private final Path out;
    private final Writer events;
    private final CappedOutput captured;
    private final Gson gson = new Gson();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "grader-watchdog");
        t.setDaemon(true);
        return t;
    });

    private StudentRunner(Path out, Writer events, CappedOutput captured) {
        this.out = out;
        this.events = events;
        this.captured = captured;
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        JsonObject job = JsonParser.parseString(Files.readString(work.resolve("job.json"))).getAsJsonObject();
        Path in = work.resolve("in");
        Path out = Files.createDirectories(work.resolve("out"));
        Path scratch = Files.createDirectories(work.resolve("scratch"));
        warmUp();
        CappedOutput captured = new CappedOutput(job.get("outputLimit").getAsInt());
        PrintStream studentStream = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(studentStream);
        System.setErr(studentStream);
        ProbeSink.configure(in, out);
        SandboxSecurityManager sm = new SandboxSecurityManager();
        Policy.setPolicy(new SandboxPolicy(in, scratch));
        java.security.Security.setProperty("package.access",
                java.security.Security.getProperty("package.access") + ",newarch.grading.,newarch.cli.");
        System.setSecurityManager(sm);
        captured.drain(); // the JDK's deprecation warning is not the student's output
        try (Writer events = Files.newBufferedWriter(out.resolve("events.jsonl"), StandardCharsets.UTF_8)) {
            new StudentRunner(out, events, captured).run(job);
        }
        sm.allowExit();
        Runtime.getRuntime().halt(0); // student threads may still be running: do not wait for them
    }

    /** Loads natives and graphics before the security manager, so code the student calls finds them ready. */
    private static void warmUp() {
        Nd4j.getEnvironment();
        Nd4j.create(new float[] {1, 2}).mul(2).sumNumber();
        var rng = new newarch.tensor.Rng(0);
        var mha = new newarch.attention.MultiHeadAttention(8, 2, rng);
        var x = newarch.tensor.Tensor.constant(rng.normal(org.nd4j.linalg.api.buffer.DataType.FLOAT, 0, 1, 1, 3, 8));
        mha.forward(x, newarch.attention.Masks.causal(3, 3, org.nd4j.linalg.api.buffer.DataType.FLOAT))
                .output().sumAll().backward();
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.drawString("warm", 0, 8);
        g.dispose();
    }

    private void run(JsonObject job) throws IOException {
        long cellTimeout = job.get("cellTimeoutMs").getAsLong();
        long probeTimeout = job.get("probeTimeoutMs").getAsLong();
        try (JShell shell = JShell.builder()
                .executionEngine(new LocalExecutionControlProvider(), Map.of())
                .out(System.out).err(System.err).build()) {
            shell.addToClasspath(System.getProperty("java.class.path"));
            // The first evaluation pays for starting the compiler: do it before any cell's clock runs.
            shell.eval("Math.abs(1);").forEach(e -> shell.drop(e.snippet()));
            captured.drain();
            StudentThreads threads = new StudentThreads();
            JsonArray cells = job.getAsJsonArray("cells");
            for (int i = 0; i < cells.size(); i++) {
                Outcome o = evaluate(shell, cells.get(i).getAsString(), cellTimeout);
                threads.stopStrays();
                report("cell", "index", i, o);
            }
            for (JsonElement p : job.getAsJsonArray("probes")) {
                JsonObject probe = p.getAsJsonObject();
                String id = probe.get("id").getAsString();
                ProbeSink.activate(id);
                Outcome o = evaluate(shell, probe.get("code").getAsString(), probeTimeout);
                threads.stopStrays();
                ProbeSink.activate(null);
                if (o.status.equals("ok") && !ProbeSink.exists(id)) {
                    o = new Outcome("exception", "the probe produced no value", o.output);
                }
                report("probe", "id", id, o);
            }
        }
        JsonObject done = new JsonObject();
        done.addProperty("kind", "done");
        write(done);
    }

    private record Outcome(String status, String message, String output) {
    }

    /** Evaluates a cell snippet by snippet, as a notebook kernel would; stops at the first failure. */
    private Outcome evaluate(JShell shell, String source, long timeoutMs) {
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> stop = watchdog.schedule(() -> {
            timedOut.set(true);
            shell.stop();
        }, timeoutMs, TimeUnit.MILLISECONDS);
        try {
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            String remaining = source;
            while (!remaining.isBlank()) {
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
                String snippet;
                switch (info.completeness()) {
                    case COMPLETE, COMPLETE_WITH_SEMI -> {
                        snippet = info.source();
                        remaining = info.remaining();
                    }
                    case EMPTY -> {
                        snippet = null;
                        remaining = "";
                    }
                    default -> {
                        snippet = remaining;
                        remaining = "";
                    }
                }
                if (snippet == null) {
                    break;
                }
                String failure = failure(shell, shell.eval(snippet));
                if (timedOut.get()) {
                    return new Outcome("timeout", "stopped after " + timeoutMs / 1000 + " s", captured.drain());
                }
                if (failure != null) {
                    String status = failure.startsWith("compile: ") ? "compile_error" : "exception";
                    return new Outcome(status, failure.replaceFirst("^(compile|exception): ", ""), captured.drain());
                }
            }
            return new Outcome("ok", "", captured.drain());
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return new Outcome(timedOut.get() ? "timeout" : "exception", e.toString(), captured.drain());
        } finally {
            stop.cancel(false);
        }
    }

    /** The first compile error or exception among a snippet's events, or null. */
    private static String failure(JShell shell, List<SnippetEvent> events) {
        for (SnippetEvent e : events) {
            if (e.status() == Snippet.Status.REJECTED) {
                List<String> messages = new ArrayList<>();
                shell.diagnostics(e.snippet()).forEach(d -> messages.add(d.getMessage(Locale.ROOT)));
                return "compile: " + (messages.isEmpty() ? "the code does not compile" : String.join("; ", messages))
                        + " in: " + abbreviate(e.snippet().source());
            }
            if (e.exception() instanceof EvalException ee) {
                return "exception: " + ee.getExceptionClassName() + (ee.getMessage() == null ? "" : ": " + ee.getMessage());
            }
            if (e.exception() instanceof UnresolvedReferenceException ure) {
                return "exception: " + ure.getSnippet().source().lines().findFirst().orElse("")
                        + " uses something that is not defined";
            }
            if (e.exception() != null) {
                return "exception: " + e.exception();
            }
        }
        return null;
    }

    private static String abbreviate(String s) {
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }

    private void report(String kind, String key, Object id, Outcome o) throws IOException {
        JsonObject e = new JsonObject();
        e.addProperty("kind", kind);
        if (id instanceof Integer n) {
            e.addProperty(key, n);
        } else {
            e.addProperty(key, id.toString());
        }
        e.addProperty("status", o.status);
        e.addProperty("message", o.message);
        e.addProperty("output", o.output);
        write(e);
    }

    /** One JSON line, flushed at once so that a later kill still leaves everything reported so far. */
    private void write(JsonObject e) throws IOException {
        events.write(gson.toJson(e));
        events.write('\n');
        events.flush();
    }
}
