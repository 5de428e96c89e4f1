package newarch.viz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A small aligned text table for notebook output: a matrix with row and column labels, or rows of mixed values.
 * Print it ({@code System.out.println(table)}): kernels show printed text as-is, whereas a returned value may be
 * shown as HTML, which collapses the alignment.
 *
 * <pre>
 * System.out.println(Table.of(weights).rowLabels(words).columnLabels(words).decimals(2));
 * System.out.println(Table.header("τ", "max weight").row(0.5, 0.91).row(4.0, 0.31));
 * </pre>
 * Floating-point values get a fixed number of decimals, except tiny non-zero ones, which switch to scientific
 * notation rather than pass for zero.
 */
public final class Table {
    private final List<String> header;
    private final List<List<Object>> rows = new ArrayList<>();
    private List<String> rowLabels;
    private int decimals = 3;

    private Table(List<String> header) {
        this.header = new ArrayList<>(header);
    }

    /** A table with named columns; add rows with {@link #row}. */
    public static Table header(String... columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        return new Table(List.of(columns));
    }

    /** The values of a matrix [rows, columns] (leading dimensions of size 1 are dropped), columns named 0, 1, ... */
    public static Table of(INDArray matrix) {
        double[][] m = Heatmap.asMatrix(matrix);
        List<String> names = new ArrayList<>();
        for (int j = 0; j < m[0].length; j++) {
            names.add(Integer.toString(j));
        }
        Table t = new Table(names);
        for (double[] r : m) {
            List<Object> row = new ArrayList<>();
            for (double v : r) {
                row.add(v);
            }
            t.rows.add(row);
        }
        return t;
    }

    public Table row(Object... values) {
        if (values.length != header.size()) {
            throw new IllegalArgumentException("the row has " + values.length + " values but the table has "
                    + header.size() + " columns " + header);
        }
        rows.add(Arrays.asList(values.clone()));
        return this;
    }

    /** Renames the columns (for a table made from a matrix). */
    public Table columnLabels(List<String> labels) {
        if (labels.size() != header.size()) {
            throw new IllegalArgumentException("column labels: got " + labels.size() + " but the table has "
                    + header.size() + " columns");
        }
        List<String> copy = List.copyOf(labels);
        for (int j = 0; j < copy.size(); j++) {
            header.set(j, copy.get(j));
        }
        return this;
    }

    /** A label in front of each row, e.g. the query words of an attention matrix. */
    public Table rowLabels(List<String> labels) {
        if (labels.size() != rows.size()) {
            throw new IllegalArgumentException("row labels: got " + labels.size() + " but the table has "
                    + rows.size() + " rows");
        }
        this.rowLabels = List.copyOf(labels);
        return this;
    }

    /** Digits after the decimal point for floating-point values (3 by default). */
    public Table decimals(int decimals) {
        if (decimals < 0 || decimals > 12) {
            throw new IllegalArgumentException("decimals is " + decimals + " but must be between 0 and 12");
        }
        this.decimals = decimals;
        return this;
    }

    @Override
    public String toString() {
        int offset = rowLabels != null ? 1 : 0;
        List<List<String>> cells = new ArrayList<>();
        List<String> head = new ArrayList<>();
        if (rowLabels != null) {
            head.add("");
        }
        head.addAll(header);
        cells.add(head);
        for (int i = 0; i < rows.size(); i++) {
            List<String> r = new ArrayList<>();
            if (rowLabels != null) {
                r.add(rowLabels.get(i));
            }
            for (Object v : rows.get(i)) {
                r.add(format(v));
            }
            cells.add(r);
        }
        int[] width = new int[head.size()];
        boolean[] right = new boolean[head.size()];   // numbers align right, words left
        for (int j = 0; j < head.size(); j++) {
            final int col = j - offset;
            right[j] = col >= 0 && !rows.isEmpty() && rows.stream().allMatch(r -> r.get(col) instanceof Number);
            for (List<String> r : cells) {
                width[j] = Math.max(width[j], r.get(j).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            List<String> r = cells.get(i);
            for (int j = 0; j < r.size(); j++) {
                String pad = " ".repeat(width[j] - r.get(j).length());
                sb.append(j == 0 ? "" : "  ").append(right[j] ? pad + r.get(j) : r.get(j) + pad);
            }
            sb.append('\n');
            if (i == 0) {
                for (int j = 0; j < width.length; j++) {
                    sb.append(j == 0 ? "" : "  ").append("-".repeat(width[j]));
                }
                sb.append('\n');
            }
        }
        return sb.toString().lines().map(String::stripTrailing).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private String format(Object v) {
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                return Double.toString(d);
            }
            // A tiny non-zero value (a rounding error, a max difference) must not print as a reassuring 0.000.
            if (d != 0 && Math.abs(d) < 0.5 * Math.pow(10, -decimals)) {
                return String.format(Locale.ROOT, "%.1e", d);
            }
            return String.format(Locale.ROOT, "%." + decimals + "f", d);
        }
        return String.valueOf(v);
    }
}
