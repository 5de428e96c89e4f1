package newarch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import newarch.grading.BatchGrader;
import newarch.grading.GradeReport;
import newarch.grading.Grader;
import newarch.grading.SandboxLimits;

/**
 * {@code grade --submission FILE.ipynb --out DIR [--assignment ID] [--timeout SECONDS]} grades one notebook
 * (SPEC §3); {@code grade --batch DIR --out DIR [--parallel N]} grades every notebook in a directory.
 */
final class GradeCommand implements Command {
    @Override
    public String name() {
        return "grade";
    }

    @Override
    public String usage() {
        return "grade --submission FILE.ipynb --out DIR [--assignment ID] [--timeout SECONDS]\n"
                + "       newarch grade --batch DIR --out DIR [--parallel N] [--timeout SECONDS]";
    }

    @Override
    public String summary() {
        return "grade a submitted notebook (or a directory of them) into results.json and feedback.md";
    }

    @Override
    public int run(String[] args) throws Exception {
        Path submission = null;
        Path batch = null;
        Path out = null;
        String assignment = null;
        int parallel = 2;
        SandboxLimits limits = SandboxLimits.defaults();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            if (v == null) {
                throw new UsageException(a + " needs a value");
            }
            switch (a) {
                case "--submission" -> submission = Path.of(v);
                case "--batch" -> batch = Path.of(v);
                case "--out" -> out = Path.of(v);
                case "--assignment" -> assignment = v;
                case "--parallel" -> parallel = positive(a, v);
                case "--timeout" -> limits = limits.withTotalTimeout(positive(a, v) * 1000L);
                default -> throw new UsageException("unknown option '" + a + "'");
            }
            i++;
        }
        if (out == null || (submission == null) == (batch == null)) {
            throw new UsageException("give --out DIR and exactly one of --submission FILE or --batch DIR");
        }
        if (Files.isRegularFile(out)) {
            throw new UsageException("--out " + out + " is a file, not a directory");
        }
        if (batch != null) {
            if (!Files.isDirectory(batch)) {
                throw new UsageException("--batch " + batch + " is not a directory");
            }
            BatchGrader.Summary s = new BatchGrader(limits, parallel).grade(batch, out);
            System.out.println("graded " + s.graded() + " submissions into " + out + " (gradebook.csv)");
            return 0;
        }
        if (!Files.isRegularFile(submission)) {
            throw new UsageException("no such submission file: " + submission);
        }
        GradeReport r = new Grader(limits).grade(submission, out, assignment);
        System.out.println(r.summary().lines().findFirst().orElse(""));
        return 0;
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new UsageException(option + " needs a positive whole number, got '" + value + "'");
    }
}
