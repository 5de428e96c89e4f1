package newarch.cli;

import com.google.gson.GsonBuilder;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import newarch.data.LengthRange;
import newarch.data.Tasks;
import newarch.train.CorpusTasks;
import newarch.train.Experiment;
import newarch.train.ImageTasks;
import newarch.train.TrainableModels;
import newarch.train.TrainingConfig;

/**
 * {@code train --task T --model M [...]} (SPEC §4): trains a registered model on a synthetic task with a progress
 * bar, writes config, checkpoint, metrics and loss curve into {@code --out}, and prints the final metrics as one JSON
 * object on the last line of stdout. {@code train --resume DIR [--steps N]} continues a run from its checkpoint.
 */
final class TrainCommand implements Command {
    static final String USAGE = "train --task T --model M [--steps N] [--seed S] [--out DIR] [--batch B] [--lr X]"
            + " [--schedule noam|constant] [--warmup W] [--label-smoothing E] [--clip C] [--eval-every N]"
            + " [--eval-size N] [--checkpoint-every N] [--train-lengths A..B] [--test-lengths A..B]"
            + " [--curriculum none|buckets|grow] [--threads N]"
            + " [--quiet]\n"
            + "       newarch train --resume DIR [--steps N] [--threads N] [--quiet]";

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String usage() {
        return USAGE + "\ntasks: " + String.join(", ", Tasks.names()) + "\ncorpus tasks (language models; --eval-size"
                + " counts validation windows): " + String.join(", ", CorpusTasks.names()) + "\nimage tasks (image"
                + " classifiers; --eval-size counts test images): " + String.join(", ", ImageTasks.names())
                + "\nmodels: "
                + String.join(", ", TrainableModels.names());
    }

    @Override
    public String summary() {
        return "train a model on a synthetic task; metrics and loss curve in --out, final metrics as JSON";
    }

    @Override
    public int run(String[] args) {
        Map<String, String> o = parse(args);
        boolean quiet = o.remove("--quiet") != null;
        String threads = o.remove("--threads");
        Threads.limit(threads == null ? null : (int) positiveLong("--threads", threads));
        PrintStream progress = quiet ? null : System.console() != null ? System.out : System.err;
        Experiment experiment;
        if (o.containsKey("--resume")) {
            Path dir = Path.of(o.remove("--resume"));
            Long steps = o.containsKey("--steps") ? positiveLong("--steps", o.remove("--steps")) : null;
            if (!o.isEmpty()) {
                throw new UsageException("--resume continues a run with its saved settings; only --steps, --threads"
                        + " and --quiet may be given with it, not " + String.join(", ", o.keySet()));
            }
            experiment = Experiment.resume(dir, steps, progress);
        } else {
            TrainingConfig config = config(o);
            Path out = Path.of(o.getOrDefault("--out",
                    "runs/" + config.task() + "-" + config.model() + "-seed" + config.seed()));
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new UsageException("--out " + out + " is a file, not a directory");
            }
            experiment = Experiment.create(config, out, progress);
        }
        Map<String, Object> metrics = experiment.run();
        System.out.println(new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(metrics));
        return 0;
    }

    /** The settings: the model's defaults, overridden by the options given. */
    private static TrainingConfig config(Map<String, String> o) {
        String task = o.get("--task");
        String model = o.get("--model");
        if (task == null || model == null) {
            throw new UsageException("give --task T and --model M (or --resume DIR); tasks: "
                    + String.join(", ", Tasks.names()) + ", " + String.join(", ", ImageTasks.names()) + "; models: " + String.join(", ", TrainableModels.names()));
        }
        LengthRange train = range(o, "--train-lengths");
        LengthRange test = range(o, "--test-lengths");
        if (ImageTasks.isImageTask(task)) {
            TrainableModels.entry(model);                // an unknown model fails here; the pairing in Experiment
        } else if (CorpusTasks.isCorpusTask(task)) {
            CorpusTasks.parse(task);                     // a bad context fails here, before anything is written
        } else {
            Tasks.create(task, train, test);             // an unknown task fails here, before anything is written
        }
        TrainingConfig c = TrainingConfig.defaults(task, model).withLengths(train, test);
        if (o.containsKey("--curriculum")) {
            c = c.withCurriculum(o.get("--curriculum").strip());
        }
        if (o.containsKey("--steps")) {
            c = c.withSteps(positiveLong("--steps", o.get("--steps")));
        }
        if (o.containsKey("--seed")) {
            c = c.withSeed(integer("--seed", o.get("--seed")));
        }
        if (o.containsKey("--batch")) {
            c = c.withBatchSize((int) positiveLong("--batch", o.get("--batch")));
        }
        c = c.withLearningRate(o.getOrDefault("--schedule", c.schedule()),
                o.containsKey("--lr") ? number("--lr", o.get("--lr")) : c.learningRate(),
                o.containsKey("--warmup") ? (int) positiveLong("--warmup", o.get("--warmup")) : c.warmup());
        c = c.withRegularisation(
                o.containsKey("--label-smoothing") ? number("--label-smoothing", o.get("--label-smoothing"))
                        : c.labelSmoothing(),
                o.containsKey("--clip") ? number("--clip", o.get("--clip")) : c.clipNorm());
        return c.withEvaluation(
                o.containsKey("--eval-every") ? integer("--eval-every", o.get("--eval-every")) : c.evalEvery(),
                o.containsKey("--eval-size") ? (int) positiveLong("--eval-size", o.get("--eval-size")) : c.evalSize(),
                o.containsKey("--checkpoint-every") ? integer("--checkpoint-every", o.get("--checkpoint-every"))
                        : c.checkpointEvery());
    }

    private static final java.util.Set<String> OPTIONS = java.util.Set.of("--task", "--model", "--steps", "--seed",
            "--out", "--batch", "--lr", "--schedule", "--warmup", "--label-smoothing", "--clip", "--eval-every",
            "--eval-size", "--checkpoint-every", "--train-lengths", "--test-lengths", "--curriculum", "--resume",
            "--threads");

    /** {@code --key value} or {@code --key=value}; {@code --quiet} takes no value. */
    private static Map<String, String> parse(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            String value = null;
            int eq = key.indexOf('=');
            if (key.startsWith("--") && eq > 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            }
            if (key.equals("--quiet")) {
                o.put(key, "");
                continue;
            }
            if (!OPTIONS.contains(key)) {
                throw new UsageException("unknown option '" + key + "'");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(key + " needs a value");
                }
                value = args[++i];
            }
            if (o.put(key, value) != null) {
                throw new UsageException(key + " is given twice");
            }
        }
        return o;
    }

    private static LengthRange range(Map<String, String> o, String option) {
        return o.containsKey(option) ? LengthRange.parse(option, o.get(option)) : null;
    }

    private static long integer(String option, String value) {
        return whole(option, value, 0, "a whole number >= 0");
    }

    private static long positiveLong(String option, String value) {
        return whole(option, value, 1, "a positive whole number");
    }

    private static long whole(String option, String value, long min, String what) {
        try {
            long n = Long.parseLong(value.strip());
            if (n >= min && n <= Integer.MAX_VALUE) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new UsageException(option + " needs " + what + ", got '" + value + "'");
    }

    private static double number(String option, String value) {
        try {
            double x = Double.parseDouble(value.strip());
            if (Double.isFinite(x)) {
                return x;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new UsageException(option + " needs a number, got '" + value + "'");
    }
}
