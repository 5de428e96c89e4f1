package newarch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: help, and one-line errors with exit code 2 for every kind of bad input. */
class MainTest {
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

    @Test
    void helpListsCommands() {
        Outcome o = run("--help");
        assertEquals(0, o.code());
        assertTrue(o.out().contains("conform") && o.out().contains("bench"), o.out());
    }

    @Test
    void unknownCommand() {
        assertOneLineError(run("frobnicate"), "unknown command 'frobnicate'");
    }

    @Test
    void conformMissingDirectory() {
        assertOneLineError(run("conform", tmp.resolve("nope").toString(), tmp.toString()), "no such fixture directory");
    }

    @Test
    void conformWrongArgumentCount() {
        assertOneLineError(run("conform", tmp.toString()), "expected FIXTURE_DIR OUT_DIR");
    }

    @Test
    void conformBadJson() throws Exception {
        Files.writeString(tmp.resolve("fixture.json"), "{\"kind\": ");
        assertOneLineError(run("conform", tmp.toString(), tmp.resolve("out").toString()), "bad JSON");
    }

    @Test
    void conformUnknownKind() throws Exception {
        Files.writeString(tmp.resolve("fixture.json"), "{\"kind\": \"warp_drive\", \"inputs\": [], \"outputs\": [\"x\"]}");
        assertOneLineError(run("conform", tmp.toString(), tmp.resolve("out").toString()), "unknown kind 'warp_drive'");
    }

    @Test
    void conformMissingInput() throws Exception {
        Files.writeString(tmp.resolve("fixture.json"),
                "{\"kind\": \"layer_norm\", \"config\": {\"normalized_shape\": 4}, \"inputs\": [\"input\"], \"outputs\": [\"output\"]}");
        assertOneLineError(run("conform", tmp.toString(), tmp.resolve("out").toString()), "missing input file");
    }

    @Test
    void conformWrongShapeInput() throws Exception {
        Files.writeString(tmp.resolve("fixture.json"),
                "{\"kind\": \"layer_norm\", \"config\": {\"normalized_shape\": 4}, \"inputs\": [\"input\"], \"outputs\": [\"output\"]}");
        Files.createDirectories(tmp.resolve("inputs"));
        newarch.io.Npy.write(tmp.resolve("inputs/input.npy"), org.nd4j.linalg.factory.Nd4j.ones(2, 3));
        Outcome o = run("conform", tmp.toString(), tmp.resolve("out").toString());
        assertOneLineError(o, "input is [2,3] but its last dimensions must be [4]");
    }

    @Test
    void conformListsKinds() {
        Outcome o = run("conform", "--kinds");
        assertEquals(0, o.code());
        assertTrue(o.out().contains("multihead_attention"));
        assertFalse(o.out().isBlank());
    }
}
