package newarch.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import newarch.notebook.Cell;
import newarch.notebook.Notebook;
import org.junit.jupiter.api.Test;

class CourseSourceTest {
    private static final String SOURCE = """
            %% notebook assignment=99-demo
            %% markdown locked
            # Title
            %% code
            int a = 1;
            %% code exercise=9.1 points=2
            int f() {
                // BEGIN SOLUTION
                return 42;
                // END SOLUTION
            }
            """;

    @Test
    void parsesCellsAndAttributes() {
        CourseSource s = CourseSource.parse(SOURCE, "99-demo");
        assertEquals("99-demo", s.attributes().get("assignment"));
        assertEquals(3, s.cells().size());
        assertTrue(s.cells().get(0).locked());
        assertEquals("9.1", s.cells().get(2).exercise());
        assertEquals("int a = 1;", s.cells().get(1).text());
    }

    @Test
    void exerciseAndSolutionDifferOnlyInTheAnswer() {
        CourseSource s = CourseSource.parse(SOURCE, "99-demo");
        Notebook ex = NotebookGenerator.build(s, NotebookGenerator.Variant.EXERCISE);
        Notebook sol = NotebookGenerator.build(s, NotebookGenerator.Variant.SOLUTION);
        Cell exCell = ex.cells().get(2);
        assertTrue(exCell.source().contains("Exercise 9.1 is not done yet"));
        assertTrue(sol.cells().get(2).source().contains("return 42;"));
        assertEquals("9.1", exCell.exercise());
        assertEquals(true, exCell.metadata().getAsJsonObject("nbgrader").get("solution").getAsBoolean());
        assertEquals(true, ex.cells().get(0).metadata().getAsJsonObject("nbgrader").get("locked").getAsBoolean());
        assertEquals("99-demo", ex.assignment());
        assertEquals("java", ex.language());
    }

    @Test
    void generatedJsonRoundTrips() {
        Notebook nb = NotebookGenerator.build(CourseSource.parse(SOURCE, "99-demo"), NotebookGenerator.Variant.SOLUTION);
        Notebook again = Notebook.parse(nb.toJson(), "x");
        assertEquals(nb.toJson(), again.toJson());
    }

    @Test
    void badSourcesSayWhereTheProblemIs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CourseSource.parse("%% notebook a=b\n%% python\nprint(1)", "x"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CourseSource.parse("no header", "x"));
        CourseSource lecture = CourseSource.parse("%% notebook lecture=x\n%% code\n// BEGIN SOLUTION\n1\n// END SOLUTION\n", "x");
        assertThrows(IllegalArgumentException.class, () -> NotebookGenerator.build(lecture, NotebookGenerator.Variant.LECTURE));
    }

    @Test
    void committedNotebooksAreInSyncWithCourseSources() throws Exception {
        List<Path> stale = new NotebookGenerator(Path.of(".")).outOfDate();
        assertEquals(List.of(), stale, "run: java -jar target/newarch.jar notebooks generate");
    }
}
