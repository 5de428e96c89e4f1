package newarch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import newarch.train.MicroModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train}: a short run end to end, resume, and a one-line message with exit code 2 for each bad input. */
class TrainCommandTest {
    @TempDir
    Path tmp;

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static void assertOneLineError(Outcome o, String fragment) {
        assertEquals(2, o.code(), o.err());
        assertEquals(1, o.err().strip().lines().count(), "one line: " + o.err());
        assertTrue(o.err().contains(fragment), o.err());
    }

    private static JsonObject lastLineJson(String stdout) {
        List<String> lines = stdout.strip().lines().toList();
        return JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
    }

    @Test
    void trainsWritesTheReportAndPrintsJsonLast() {
        String model = MicroModels.register();
        Path out = tmp.resolve("run");
        Outcome o = run("train", "--task", "reverse", "--model", model, "--steps", "4", "--seed", "3", "--batch", "4",
                "--eval-size", "3", "--train-lengths", "1..3", "--test-lengths", "4..5", "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        JsonObject m = lastLineJson(o.out());
        assertEquals(4, m.get("steps").getAsInt());
        assertEquals(3, m.get("seed").getAsInt());
        assertTrue(m.has("test.exact") && m.has("longer.token_accuracy") && m.has("final_loss"), m.toString());
        assertTrue(o.err().contains("4/4"), "the progress bar goes to stderr when stdout is not a terminal: " + o.err());
        assertTrue(Files.isRegularFile(out.resolve("loss.png")) && Files.isRegularFile(out.resolve("metrics.json")));

        Outcome resumed = run("train", "--resume", out.toString(), "--steps", "6", "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(6, lastLineJson(resumed.out()).get("steps").getAsInt());
        assertEquals("", resumed.err(), "--quiet draws no progress bar");
    }

    @Test
    void badInputIsOneLineAndExitCode2() throws Exception {
        String model = MicroModels.register();
        String out = tmp.resolve("x").toString();
        assertOneLineError(run("train", "--task", "juggle", "--model", model, "--out", out), "unknown task 'juggle'");
        assertOneLineError(run("train", "--task", "copy", "--model", "gpt-9", "--out", out), "unknown model 'gpt-9'");
        assertOneLineError(run("train", "--task", "copy"), "give --task T and --model M");
        assertOneLineError(run("train", "--task", "copy", "--model", model, "--steps", "many"),
                "--steps needs a positive whole number, got 'many'");
        assertOneLineError(run("train", "--task", "copy", "--model", model, "--steps", "0"), "--steps");
        assertOneLineError(run("train", "--task", "copy", "--model", model, "--lr", "fast"), "--lr needs a number");
        assertOneLineError(run("train", "--task", "copy", "--model", model, "--lr", "-1", "--out", out),
                "learning rate is -1");
        assertOneLineError(run("train", "--task", "copy", "--model", model, "--schedule", "cosine", "--out", out),
                "schedule is 'cosine'");
        assertOneLineError(run("train", "--task", "copy", "--model", model, "--train-lengths", "9..3"),
                "--train-lengths");
        assertOneLineError(run("train", "--task", "copy", "--model", model, "--curriculum", "ladder", "--out", out),
                "curriculum is 'ladder'");
        assertOneLineError(run("train", "--task", "copy", "--model", model, "--batch"), "--batch needs a value");
        assertOneLineError(run("train", "--task", "copy", "--model", model, "--speed", "3"), "unknown option '--speed'");
        assertOneLineError(run("train", "--resume", tmp.resolve("nothing").toString()), "no run to resume");
        assertOneLineError(run("train", "--resume", out, "--lr", "1"), "only --steps");
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertOneLineError(run("train", "--task", "copy", "--model", model, "--out", file.toString()), "is a file");
        assertTrue(Files.notExists(tmp.resolve("x")), "nothing is written for bad input");
    }
}
