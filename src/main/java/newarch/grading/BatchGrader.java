package newarch.grading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Grades a directory of notebooks, a bounded number at a time, each in its own sandboxed JVM and output
 * directory ({@code OUT/<name>/results.json}), and writes {@code OUT/gradebook.csv}. One broken submission
 * gets its own zero report; it never stops the others.
 */
public final class BatchGrader {
    private final SandboxLimits limits;
    private final int parallel;

    public BatchGrader(SandboxLimits limits, int parallel) {
        this.limits = limits;
        this.parallel = parallel;
    }

    public record Summary(int graded, Path gradebook) {
    }

    public Summary grade(Path dir, Path out) throws IOException, InterruptedException {
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(dir)) {
            notebooks = files.filter(f -> f.toString().endsWith(".ipynb")).sorted().toList();
        }
        Files.createDirectories(out);
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        List<Future<String>> rows = new ArrayList<>();
        for (Path nb : notebooks) {
            rows.add(pool.submit(() -> gradeOne(nb, out)));
        }
        StringBuilder csv = new StringBuilder("submission,assignment,score,max_score,status\n");
        for (Future<String> row : rows) {
            try {
                csv.append(row.get()).append('\n');
            } catch (java.util.concurrent.ExecutionException e) {
                csv.append("?,?,0,0,grader error\n");
            }
        }
        pool.shutdown();
        Path gradebook = out.resolve("gradebook.csv");
        Files.writeString(gradebook, csv.toString(), StandardCharsets.UTF_8);
        return new Summary(notebooks.size(), gradebook);
    }

    private String gradeOne(Path nb, Path out) {
        String name = nb.getFileName().toString().replaceFirst("\\.ipynb$", "");
        try {
            GradeReport r = new Grader(limits).grade(nb, out.resolve(name), null);
            return csv(name) + "," + csv(r.assignment()) + "," + r.score() + "," + r.maxScore() + ",graded";
        } catch (IOException | RuntimeException e) {
            return csv(name) + ",,0,0," + csv("grader error: " + e.getMessage());
        }
    }

    private static String csv(String s) {
        if (s == null) {
            return "";
        }
        return s.matches("[A-Za-z0-9 ._:-]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
