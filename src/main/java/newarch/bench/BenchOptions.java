package newarch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of {@code bench [NAME...] --out DIR [--batch 1,8] [--len 128,512,1024] [--warmup N]
 * [--iters N] [--quick]}. {@code --quick} is a tiny run for tests (batch 1, length 64, 1 warm-up, 2 timed
 * iterations); explicit options override it. Bad input is an {@link IllegalArgumentException} with a one-line
 * message.
 *
 * @param warmup untimed runs before timing
 * @param iters  timed runs, or null for each benchmark's default
 * @param extras options that belong to one benchmark ({@link Benchmark#options()}), by their {@code --key}
 */
public record BenchOptions(List<String> names, Path out, List<Integer> batches, List<Integer> lengths, int warmup,
                           Integer iters, boolean quick, Map<String, String> extras) {

    public static final String USAGE = "bench [NAME...] --out DIR [--batch 1,8] [--len 128,512,1024] [--warmup N]"
            + " [--iters N] [--quick] [benchmark options, see below]";

    public BenchOptions {
        extras = Map.copyOf(extras);
    }

    /** A benchmark's own option ({@link Benchmark#options()}) as an integer, or {@code standard} when not given. */
    public int intOption(String key, int standard, int min) {
        String v = extras.get(key);
        return v == null ? standard : integer(key, v, min);
    }

    /** A benchmark's own option as a comma-separated list of positive integers, or {@code standard}. */
    public List<Integer> intsOption(String key, List<Integer> standard) {
        String v = extras.get(key);
        return v == null ? standard : positiveList(key, v);
    }

    /** A benchmark's own option as a comma-separated list of names, or {@code standard}. */
    public List<String> namesOption(String key, List<String> standard) {
        String v = extras.get(key);
        if (v == null) {
            return standard;
        }
        List<String> names = new ArrayList<>();
        for (String part : v.split(",")) {
            if (part.isBlank()) {
                throw new IllegalArgumentException(key + " expects comma-separated names, got '" + v + "'");
            }
            names.add(part.strip());
        }
        return names;
    }

    /** A benchmark's own option as a positive number, or {@code standard}. */
    public double doubleOption(String key, double standard) {
        String v = extras.get(key);
        if (v == null) {
            return standard;
        }
        double x;
        try {
            x = Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " expects a number, got '" + v + "'");
        }
        if (!(x > 0) || !Double.isFinite(x)) {
            throw new IllegalArgumentException(key + " must be a positive number, got " + v);
        }
        return x;
    }

    /** Timed iterations: the explicit {@code --iters}, else 2 with {@code --quick}, else {@code standard}. */
    public int itersOr(int standard) {
        return iters != null ? iters : quick ? 2 : standard;
    }

    public static BenchOptions parse(String[] args) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        Path out = null;
        List<Integer> batches = null;
        List<Integer> lengths = null;
        Integer warmup = null;
        Integer iters = null;
        boolean quick = false;
        Map<String, String> extras = new LinkedHashMap<>();
        Set<String> known = Benchmarks.extraOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                names.add(a);
                continue;
            }
            String key = a;
            String value = null;
            int eq = a.indexOf('=');
            if (eq > 0) {
                key = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (key.equals("--quick")) {
                if (value != null) {
                    throw new IllegalArgumentException("--quick takes no value");
                }
                quick = true;
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(key + " needs a value (usage: " + USAGE + ")");
                }
                value = args[++i];
            }
            switch (key) {
                case "--out" -> out = Path.of(value);
                case "--batch" -> batches = positiveList(key, value);
                case "--len" -> lengths = positiveList(key, value);
                case "--warmup" -> warmup = integer(key, value, 0);
                case "--iters" -> iters = integer(key, value, 1);
                default -> {
                    if (!known.contains(key)) {
                        throw new IllegalArgumentException("unknown option " + key + " (usage: " + USAGE + ")");
                    }
                    extras.put(key, value);
                }
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("missing --out DIR (usage: " + USAGE + ")");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is an existing file, not a directory");
        }
        return new BenchOptions(List.copyOf(names), out,
                batches != null ? batches : quick ? List.of(1) : List.of(1, 8),
                lengths != null ? lengths : quick ? List.of(64) : List.of(128, 512, 1024),
                warmup != null ? warmup : quick ? 1 : 2, iters, quick, extras);
    }

    private static int integer(String key, String value, int min) {
        int n;
        try {
            n = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " expects an integer, got '" + value + "'");
        }
        if (n < min) {
            throw new IllegalArgumentException(key + " must be at least " + min + ", got " + n);
        }
        return n;
    }

    private static List<Integer> positiveList(String key, String value) {
        List<Integer> out = new ArrayList<>();
        for (String part : value.split(",")) {
            out.add(integer(key, part, 1));
        }
        return List.copyOf(out);
    }
}
