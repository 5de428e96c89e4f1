package newarch.notebook;

/** A notebook file that is not a valid Jupyter notebook (bad JSON, wrong nbformat, missing cells). */
public class NotebookFormatException extends IllegalArgumentException {
    public NotebookFormatException(String message) {
        super(message);
    }
}
