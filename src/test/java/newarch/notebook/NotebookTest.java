package newarch.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Malformed notebooks give one-line messages that say what is wrong. */
class NotebookTest {
    private static String message(String json) {
        NotebookFormatException e = assertThrows(NotebookFormatException.class, () -> Notebook.parse(json, "sub.ipynb"));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e.getMessage();
    }

    @Test
    void invalidJson() {
        assertTrue(message("{\"cells\": [").contains("not valid JSON"));
    }

    @Test
    void notAnObject() {
        assertTrue(message("[1, 2]").contains("top level must be a JSON object"));
    }

    @Test
    void wrongNbformat() {
        assertTrue(message("{\"nbformat\": 3, \"cells\": []}").contains("nbformat 3"));
    }

    @Test
    void missingCells() {
        assertTrue(message("{\"nbformat\": 4}").contains("no 'cells'"));
    }

    @Test
    void cellWithoutType() {
        assertTrue(message("{\"nbformat\": 4, \"cells\": [{\"source\": \"x\"}]}").contains("cell 0"));
    }

    @Test
    void sourceAsListOrString() {
        Notebook nb = Notebook.parse("{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"code\", \"source\": [\"a\\n\", \"b\"]},"
                + "{\"cell_type\": \"markdown\", \"source\": \"# t\"}], \"metadata\": {\"kernelspec\": {\"language\": \"java\"}}}", "x");
        assertEquals("a\nb", nb.cells().get(0).source());
        assertEquals("java", nb.language());
    }
}
