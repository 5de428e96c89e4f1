package newarch.io;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The dict at the start of a {@code .npy} file, e.g.
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}.
 */
record NpyHeader(String descr, boolean fortranOrder, long[] shape) {

    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    /** Parses the header dict; malformed or incomplete dicts raise IllegalArgumentException. */
    static NpyHeader parse(String text) {
        if (!(PythonLiteral.parse(text) instanceof Map<?, ?> dict)) {
            throw new IllegalArgumentException("header is not a dict");
        }
        if (!dict.keySet().equals(KEYS)) {
            throw new IllegalArgumentException("header keys are " + dict.keySet() + ", expected " + KEYS);
        }
        if (!(dict.get("descr") instanceof String descr)) {
            throw new IllegalArgumentException("unsupported dtype " + dict.get("descr") + " (structured arrays are not supported)");
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortranOrder)) {
            throw new IllegalArgumentException("fortran_order is not True or False");
        }
        return new NpyHeader(descr, fortranOrder, shape(dict.get("shape")));
    }

    private static long[] shape(Object value) {
        if (!(value instanceof List<?> dims)) {
            throw new IllegalArgumentException("shape is not a tuple");
        }
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long dim) || dim < 0) {
                throw new IllegalArgumentException("shape " + dims + " is not a tuple of non-negative integers");
            }
            shape[i] = dim;
        }
        return shape;
    }

    /** The dict exactly as NumPy prints it, so headers are byte-identical to np.save's. */
    String toPython() {
        return "{'descr': '" + descr + "', 'fortran_order': " + (fortranOrder ? "True" : "False")
                + ", 'shape': " + pythonTuple(shape) + ", }";
    }

    private static String pythonTuple(long[] values) {
        if (values.length == 1) {
            return "(" + values[0] + ",)";
        }
        StringJoiner tuple = new StringJoiner(", ", "(", ")");
        for (long v : values) {
            tuple.add(Long.toString(v));
        }
        return tuple.toString();
    }
}
