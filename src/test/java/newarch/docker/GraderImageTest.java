package newarch.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import newarch.notebook.Cell;
import newarch.notebook.Notebook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The grader's Docker image as Gradescope runs it (SPEC §3): a notebook in /autograder/submission,
 * /autograder/run_autograder, /autograder/results/results.json out; no network, an unprivileged user.
 * Each submission gets a fresh container.
 *
 * <p>Skipped when no Docker daemon answers or the image {@code newarch/grader:latest} (or the one named by
 * {@code -Dnewarch.graderImage}) does not exist or is older than {@code target/newarch.jar}:
 * {@code scripts/test-docker} starts a daemon, builds the image and runs this test, failing if it was skipped.
 */
class GraderImageTest {
    private static final String IMAGE = System.getProperty("newarch.graderImage", "newarch/grader:latest");
    private static final String HOW = " (scripts/test-docker starts a daemon, builds the image and runs this test)";

    private static String unavailable;
    private static boolean told;

    /** Why the tests cannot run here, or null; checked once. */
    @BeforeAll
    static void checkDockerAndImage() {
        if (!dockerAvailable()) {
            unavailable = "GraderImageTest skipped: Docker is not available" + HOW;
            return;
        }
        DockerClient client = DockerClientFactory.instance().client();
        InspectImageResponse image;
        try {
            image = client.inspectImageCmd(IMAGE).exec();
        } catch (NotFoundException e) {
            image = null;
        }
        if (image == null) {
            unavailable = "GraderImageTest skipped: the image " + IMAGE + " does not exist; build it with "
                    + "scripts/docker-grader-image" + HOW;
            return;
        }
        Path jar = Path.of("target", "newarch.jar");
        if (Files.isRegularFile(jar) && image.getCreated() != null) {
            Instant built = Instant.parse(image.getCreated());
            Instant jarTime = lastModified(jar);
            if (jarTime.isAfter(built)) {
                unavailable = "GraderImageTest skipped: " + IMAGE + " (built " + built + ") is older than "
                        + "target/newarch.jar (" + jarTime + "); rebuild it with scripts/docker-grader-image";
            }
        }
    }

    /** Each test reports the skip itself, so that surefire counts the tests as skipped, with the reason. */
    @BeforeEach
    void requireDockerAndImage() {
        if (unavailable != null && !told) {
            System.err.println(unavailable);
            told = true;
        }
        assumeTrue(unavailable == null, unavailable);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static Instant lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (java.io.IOException e) {
            return Instant.EPOCH;
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void solutionScoresFullMarks() throws Exception {
        Graded g = grade("01-self-attention.ipynb", Files.readAllBytes(Path.of("solutions/01-self-attention.ipynb")));
        assertEquals(10.0, g.score(), g.describe());
        assertEquals(10.0, g.maxScore(), g.describe());
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void unchangedExerciseScoresZero() throws Exception {
        Graded g = grade("01-self-attention.ipynb", Files.readAllBytes(Path.of("exercises/01-self-attention.ipynb")));
        assertEquals(0.0, g.score(), g.describe());
        assertEquals(10.0, g.maxScore(), g.describe());
    }

    /**
     * The solution plus a cell calling System.exit and a cell that never ends (two cells: a cell stops at its
     * first failure, so in one cell the loop would never run). Both are contained by the per-cell limits of the
     * sandbox JVM, so every test still passes; the loop costs one cell time-out (60 s by default).
     */
    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void hostileNotebookIsContained() throws Exception {
        Notebook solution = Notebook.read(Path.of("solutions/01-self-attention.ipynb"));
        List<Cell> cells = new ArrayList<>(solution.cells());
        int firstCode = 0;
        while (!cells.get(firstCode).isCode()) {
            firstCode++;
        }
        cells.add(firstCode + 1, Cell.code("System.exit(0);", new JsonObject()));
        cells.add(firstCode + 2, Cell.code("while (true) {}", new JsonObject()));
        String hostile = new Notebook(cells, solution.metadata()).toJson();
        Graded g = grade("01-self-attention.ipynb", hostile.getBytes(StandardCharsets.UTF_8));
        assertEquals(10.0, g.score(), g.describe());
        assertTrue(g.feedback().contains("System.exit and Runtime.halt are not allowed"), g.describe());
        assertTrue(g.feedback().contains("ran too long"), g.describe());
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void noNotebookStillWritesResults() throws Exception {
        Graded g = grade("answers.txt", "my answers".getBytes(StandardCharsets.UTF_8));
        assertEquals(0.0, g.score(), g.describe());
        assertTrue(g.results().get("output").getAsString().contains("No Jupyter notebook"), g.describe());
    }

    /** What one container run produced. */
    private record Graded(JsonObject results, String feedback, String log, String uid, String owner) {
        double score() {
            return results.get("score").getAsDouble();
        }

        double maxScore() {
            double max = 0;
            for (JsonElement t : results.getAsJsonArray("tests")) {
                max += t.getAsJsonObject().get("max_score").getAsDouble();
            }
            return max;
        }

        String describe() {
            return "run_autograder said:\n" + log + "\nresults.json: " + results + "\nfeedback.md:\n" + feedback;
        }
    }

    /** Runs a fresh grader container on one submitted file, as Gradescope does, and collects what it wrote. */
    private static Graded grade(String fileName, byte[] content) throws Exception {
        try (GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withNetworkMode("none")
                .withCommand("sleep", "infinity")
                .withStartupTimeout(Duration.ofMinutes(2))) {
            c.start();
            String uid = c.execInContainer("id", "-u").getStdout().strip();
            assertNotEquals("0", uid, "the grader image must not run as root");
            DockerClient client = c.getDockerClient();
            client.copyArchiveToContainerCmd(c.getContainerId())
                    .withRemotePath("/autograder/submission")
                    .withTarInputStream(new ByteArrayInputStream(Tar.singleFile(fileName, content)))
                    .exec();

            ExecResult run = c.execInContainer("/autograder/run_autograder");
            String log = run.getStdout() + run.getStderr();
            assertEquals(0, run.getExitCode(), "run_autograder failed:\n" + log);

            String owner = c.execInContainer("stat", "-c", "%u", "/autograder/results/results.json").getStdout().strip();
            assertNotEquals("0", owner, "results.json must be written by the unprivileged user, not root\n" + log);
            assertEquals(uid, owner, "results.json must be written by the container's user");

            String resultsJson = copyOut(client, c.getContainerId(), "/autograder/results/results.json");
            String feedback = run.getExitCode() == 0 && c.execInContainer("test", "-f", "/autograder/results/feedback.md")
                    .getExitCode() == 0 ? copyOut(client, c.getContainerId(), "/autograder/results/feedback.md") : "";
            JsonObject results = JsonParser.parseString(resultsJson).getAsJsonObject();
            return new Graded(results, feedback, log, uid, owner);
        }
    }

    private static String copyOut(DockerClient client, String containerId, String path) throws IOException {
        try (InputStream tar = client.copyArchiveFromContainerCmd(containerId, path).exec()) {
            return new String(Tar.firstFile(tar), StandardCharsets.UTF_8);
        }
    }
}
