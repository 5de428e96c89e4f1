package newarch.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newarch.notebook.Cell;
import newarch.notebook.Notebook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken submissions. Each attack is one extra code cell in an otherwise correct solution, so a
 * contained attack still earns full marks for everything else; all are graded once, as a batch, two at a time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileSubmissionsTest {
    private static final SandboxLimits LIMITS = new SandboxLimits(15_000, 15_000, 240_000, 512, 1024, 2000);

    private Path tmp;
    private Path out;
    private final Map<String, String> attacks = new LinkedHashMap<>();

    @BeforeAll
    void gradeAll(@TempDir Path dir) throws Exception {
        tmp = dir;
        Path in = Files.createDirectories(tmp.resolve("submissions"));
        out = tmp.resolve("graded");
        Path secret = Files.writeString(tmp.resolve("grader-secret.txt"), "expected values");
        attacks.put("exit", "System.exit(0);");
        attacks.put("halt", "Runtime.getRuntime().halt(1);");
        attacks.put("loop", "while (true) { }");
        attacks.put("recursion", "int down(int n) { return down(n + 1) + 1; }\ndown(0);");
        attacks.put("heap", "long[][] hog = new long[64][];\nfor (int i = 0; i < 64; i++) hog[i] = new long[500_000_000];");
        attacks.put("native", "var huge = Nd4j.create(DataType.FLOAT, 100_000, 100_000);");
        attacks.put("process", "new ProcessBuilder(\"sh\", \"-c\", \"touch " + tmp.resolve("pwned") + "\").start();");
        attacks.put("network", "new java.net.Socket(\"127.0.0.1\", 9);");
        attacks.put("server", "new java.net.ServerSocket(0);");
        attacks.put("threads", "for (int i = 0; i < 10_000; i++) new Thread(() -> { try { Thread.sleep(600_000); }"
                + " catch (InterruptedException e) { } }).start();");
        attacks.put("spinner", "new Thread(() -> { while (true) { } }).start();");
        attacks.put("forge", "java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + out.resolve("forge/results.json")
                + "\"), \"{\\\"score\\\": 1000}\");");
        attacks.put("probe", "newarch.sandbox.ProbeSink.save(\"t0\", 1.0);");
        attacks.put("read", "java.nio.file.Files.readString(java.nio.file.Path.of(\"" + secret + "\"));");
        attacks.put("jobfile", "java.nio.file.Files.readString(java.nio.file.Path.of(\"../job.json\"));");
        attacks.put("reflect", "Class.forName(\"newarch.grading.NumericCheck\");");
        attacks.put("private", "var f = String.class.getDeclaredField(\"value\"); f.setAccessible(true);");
        attacks.put("flood", "var line = \"x\".repeat(1000);\nfor (int i = 0; i < 100_000; i++) System.out.println(line);");
        attacks.put("pythoncell", "import numpy as np\nprint(np.zeros(3))");
        attacks.put("stdout", "System.setOut(new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out)));");
        Notebook solution = Notebook.read(Path.of("solutions/01-self-attention.ipynb"));
        for (Map.Entry<String, String> a : attacks.entrySet()) {
            withExtraCell(solution, a.getValue()).write(in.resolve(a.getKey() + ".ipynb"));
        }
        Files.writeString(in.resolve("badjson.ipynb"), "{\"cells\": [", StandardCharsets.UTF_8);
        Files.writeString(in.resolve("nocells.ipynb"), "{\"nbformat\": 4, \"metadata\": {}}", StandardCharsets.UTF_8);
        Files.writeString(in.resolve("nbformat3.ipynb"), "{\"nbformat\": 3, \"worksheets\": []}", StandardCharsets.UTF_8);
        String python = solution.toJson().replace("\"language\": \"java\"", "\"language\": \"python\"");
        Files.writeString(in.resolve("python.ipynb"), python, StandardCharsets.UTF_8);
        new BatchGrader(LIMITS, 2).grade(in, out);
    }

    private static Notebook withExtraCell(Notebook nb, String code) {
        List<Cell> cells = new ArrayList<>(nb.cells());
        int firstCode = 0;
        while (!cells.get(firstCode).isCode()) {
            firstCode++;
        }
        cells.add(firstCode + 1, Cell.code(code, new JsonObject()));
        return new Notebook(cells, nb.metadata());
    }

    private JsonObject results(String name) throws Exception {
        Path f = out.resolve(name).resolve("results.json");
        assertTrue(Files.isRegularFile(f), "no results.json for " + name);
        return JsonParser.parseString(Files.readString(f)).getAsJsonObject();
    }

    /** The attack failed inside its own cell and every test still passed. */
    private void contained(String name, String expectedInFeedback) throws Exception {
        JsonObject r = results(name);
        assertEquals(10.0, r.get("score").getAsDouble(), name + ": " + r.get("output").getAsString());
        String feedback = Files.readString(out.resolve(name).resolve("feedback.md"));
        assertTrue(feedback.contains(expectedInFeedback), name + " feedback: " + feedback);
    }

    @Test
    void exitIsRefused() throws Exception {
        contained("exit", "System.exit and Runtime.halt are not allowed");
    }

    @Test
    void haltIsRefused() throws Exception {
        contained("halt", "System.exit and Runtime.halt are not allowed");
    }

    @Test
    void infiniteLoopIsStopped() throws Exception {
        contained("loop", "ran too long");
    }

    @Test
    void deepRecursionIsCaught() throws Exception {
        contained("recursion", "StackOverflowError");
    }

    @Test
    void hugeHeapAllocationFails() throws Exception {
        contained("heap", "OutOfMemoryError");
    }

    @Test
    void hugeNativeAllocationFails() throws Exception {
        JsonObject r = results("native");
        assertEquals(10.0, r.get("score").getAsDouble(), r.get("output").getAsString());
    }

    @Test
    void processesCannotBeSpawned() throws Exception {
        contained("process", "access denied");
        assertFalse(Files.exists(tmp.resolve("pwned")));
    }

    @Test
    void networkIsRefused() throws Exception {
        contained("network", "SocketPermission");
        contained("server", "SocketPermission");
    }

    @Test
    void threadBombIsBoundedAndStopped() throws Exception {
        contained("threads", "too many threads");
    }

    @Test
    void backgroundThreadsEndWithTheirCell() throws Exception {
        JsonObject r = results("spinner");
        assertEquals(10.0, r.get("score").getAsDouble(), r.get("output").getAsString());
    }

    @Test
    void resultsCannotBeForged() throws Exception {
        contained("forge", "access denied");
        contained("probe", "no probe");
        assertTrue(results("forge").get("score").getAsDouble() <= 10);
    }

    @Test
    void graderFilesCannotBeRead() throws Exception {
        contained("read", "access denied");
        contained("jobfile", "access denied");
    }

    @Test
    void graderCodeCannotBeReached() throws Exception {
        contained("reflect", "accessClassInPackage.newarch.grading");
        contained("private", "suppressAccessChecks");
    }

    @Test
    void outputFloodIsCapped() throws Exception {
        JsonObject r = results("flood");
        assertEquals(10.0, r.get("score").getAsDouble());
        assertTrue(Files.size(out.resolve("flood").resolve("results.json")) < 200_000);
        contained("stdout", "access denied");
    }

    @Test
    void malformedNotebooksGetCompleteZeroReports() throws Exception {
        for (String name : List.of("badjson", "nocells", "nbformat3")) {
            JsonObject r = results(name);
            assertEquals(0.0, r.get("score").getAsDouble(), name);
            assertTrue(r.getAsJsonArray("tests").size() >= 1, name);
        }
        assertTrue(results("nbformat3").get("output").getAsString().contains("nbformat"));
    }

    @Test
    void aCellInAnotherLanguageFailsAloneWithACompileError() throws Exception {
        contained("pythoncell", "did not compile");
    }

    @Test
    void notebookInAnotherLanguageScoresZeroWithAReason() throws Exception {
        JsonObject r = results("python");
        assertEquals(0.0, r.get("score").getAsDouble());
        assertEquals(10, r.getAsJsonArray("tests").size());
        assertTrue(r.get("output").getAsString().contains("python"));
    }

    @Test
    void gradebookListsEverySubmission() throws Exception {
        List<String> rows = Files.readAllLines(out.resolve("gradebook.csv"));
        assertEquals(attacks.size() + 4 + 1, rows.size(), String.join("\n", rows));
    }
}
