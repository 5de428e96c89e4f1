package newarch.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import newarch.notebook.Cell;
import newarch.notebook.Notebook;
import newarch.notebook.NotebookFormatException;

/**
 * Grades one submitted notebook: identifies the assignment, runs the code cells and the probes in a sandboxed
 * JVM, judges the returned values against the library here, and writes results.json and feedback.md.
 * Whatever the notebook does, a complete report is written.
 */
public final class Grader {
    private final SandboxLimits limits;

    public Grader(SandboxLimits limits) {
        this.limits = limits;
    }

    public GradeReport grade(Path submission, Path outDir, String assignmentOverride) throws IOException {
        long start = System.nanoTime();
        String fileName = submission.getFileName().toString();
        GradeReport report;
        Notebook notebook = null;
        String problem = null;
        try {
            notebook = Notebook.read(submission);
        } catch (NotebookFormatException e) {
            problem = e.getMessage();
        }
        Optional<Assignment> assignment = Assignments.byId(assignmentOverride);
        if (assignment.isEmpty() && notebook != null) {
            assignment = Assignments.byId(notebook.assignment());
        }
        if (assignment.isEmpty()) {
            assignment = Assignments.byFileName(fileName);
        }
        if (assignment.isEmpty()) {
            String why = problem != null ? problem
                    : "this notebook does not say which assignment it is (metadata newarch.assignment is missing or unknown; known: "
                    + String.join(", ", Assignments.ids()) + ")";
            report = new GradeReport(fileName, null, List.of(new TestOutcome("notebook could be graded", 0, 0, false, why)),
                    List.of(why), seconds(start));
        } else if (problem != null) {
            report = allZero(fileName, assignment.get(), "your notebook could not be read: " + problem, start);
        } else if (notebook.language() != null && !notebook.language().equalsIgnoreCase("java")) {
            report = allZero(fileName, assignment.get(), "this notebook uses the " + notebook.language()
                    + " kernel, but the assignment is written in Java: start again from the exercise notebook", start);
        } else {
            report = run(fileName, notebook, assignment.get(), start);
        }
        report.write(outDir);
        return report;
    }

    private GradeReport allZero(String fileName, Assignment a, String why, long start) {
        List<TestOutcome> tests = new ArrayList<>();
        for (GradedTest t : a.tests()) {
            tests.add(new TestOutcome(t.name(), 0, t.maxScore(), t.hidden(), why));
        }
        return new GradeReport(fileName, a.id(), tests, List.of(why), seconds(start));
    }

    private GradeReport run(String fileName, Notebook notebook, Assignment a, long start) throws IOException {
        List<String> cells = new ArrayList<>();
        Map<String, Integer> exerciseCell = new HashMap<>();
        for (Cell c : notebook.cells()) {
            if (c.isCode()) {
                if (c.exercise() != null) {
                    exerciseCell.put(c.exercise(), cells.size());
                }
                cells.add(c.source());
            }
        }
        List<GradedTest> tests = a.tests();
        List<Probe> probes = tests.stream().flatMap(t -> t.probes().stream()).toList();
        Path work = Files.createTempDirectory("newarch-grade-");
        StudentProcess.Run run;
        try {
            run = new StudentProcess(limits).run(cells, probes, work);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("grading was interrupted");
        } finally {
            deleteTree(work);
        }
        Map<Integer, SandboxEvents.CellOutcome> byIndex = new HashMap<>();
        run.events().cells().forEach(c -> byIndex.put(c.index(), c));
        Map<String, String> errors = new HashMap<>(run.events().probeErrors());
        if (!run.ending().equals("finished")) {
            probes.forEach(p -> errors.putIfAbsent(p.id(), run.ending()));
        }
        ProbeResults results = new ProbeResults(run.values(), errors);
        List<TestOutcome> outcomes = new ArrayList<>();
        for (GradedTest t : tests) {
            Verdict v = judge(t, results);
            String message = v.message();
            Integer cellIndex = exerciseCell.get(t.exercise());
            SandboxEvents.CellOutcome cell = cellIndex == null ? null : byIndex.get(cellIndex);
            if (!v.passed() && cell != null && !cell.ok()) {
                message += "\nYour cell for exercise " + t.exercise() + " failed: "
                        + SandboxEvents.describe(cell.status(), cell.message());
            }
            outcomes.add(new TestOutcome(t.name(), v.fraction() * t.maxScore(), t.maxScore(), t.hidden(), message));
        }
        return new GradeReport(fileName, a.id(), outcomes, notes(run, byIndex, exerciseCell), seconds(start));
    }

    private static Verdict judge(GradedTest t, ProbeResults results) {
        for (Probe p : t.probes()) {
            if (results.value(p.id()) == null) {
                return Verdict.fail(results.error(p.id()));
            }
        }
        try {
            return t.judge().apply(results);
        } catch (RuntimeException e) {
            return Verdict.fail("your result could not be checked: " + e.getMessage());
        }
    }

    /** Problems outside the exercise cells, which the student should know about. */
    private static List<String> notes(StudentProcess.Run run, Map<Integer, SandboxEvents.CellOutcome> cells,
                                      Map<String, Integer> exerciseCells) {
        List<String> notes = new ArrayList<>();
        if (!run.ending().equals("finished")) {
            notes.add(run.ending() + ".");
        }
        cells.values().stream().sorted(Comparator.comparingInt(SandboxEvents.CellOutcome::index))
                .filter(c -> !c.ok() && !exerciseCells.containsValue(c.index()))
                .limit(5)
                .forEach(c -> notes.add("Code cell " + (c.index() + 1) + ": "
                        + SandboxEvents.describe(c.status(), c.message())));
        return notes;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is not worth failing a grade for
        }
    }
}
