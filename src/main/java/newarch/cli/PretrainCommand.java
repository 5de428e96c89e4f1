package newarch.cli;

import java.nio.file.Path;
import java.util.Locale;
import newarch.data.pretraining.SentencePairs;
import newarch.train.PreTrainingRun;

/**
 * {@code pretrain --model bert-tiny|bert-mini|albert-tiny [--task nsp|sop] [--steps N] ... --out DIR}: masked-LM plus
 * sentence-pair pre-training of a tiny encoder on Moby-Dick (see {@link PreTrainingRun}).
 */
final class PretrainCommand implements Command {
    @Override
    public String name() {
        return "pretrain";
    }

    @Override
    public String usage() {
        return "pretrain --model bert-tiny|bert-mini|albert-tiny [--task nsp|sop] [--steps 600] [--batch 32] [--lr 1e-3]"
                + " [--warmup 60] [--seed 1] [--max-length 48] [--vocab 3000] [--eval-pairs 512] [--eval-every 200]"
                + " [--threads N] --out DIR";
    }

    @Override
    public String summary() {
        return "pre-train a tiny BERT (MLM + NSP) or ALBERT (MLM + SOP) on Moby-Dick: metrics JSON and loss PNG";
    }

    @Override
    public int run(String[] args) {
        String model = null;
        Path out = null;
        Integer threads = null;
        java.util.Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (i + 1 >= args.length) {
                throw new UsageException(args[i] + " needs a value");
            }
            String v = args[++i];
            switch (args[i - 1]) {
                case "--model" -> model = v;
                case "--out" -> out = Path.of(v);
                case "--threads" -> threads = Options.integer("--threads", v);
                case "--task", "--steps", "--batch", "--lr", "--warmup", "--seed", "--max-length", "--vocab",
                     "--eval-pairs", "--eval-every" -> o.put(args[i - 1], v);
                default -> throw new UsageException("unknown option '" + args[i - 1] + "'");
            }
        }
        if (model == null || out == null) {
            throw new UsageException("pretrain needs --model (" + String.join(", ", PreTrainingRun.MODELS)
                    + ") and --out DIR");
        }
        PreTrainingRun d = PreTrainingRun.defaults(model);
        PreTrainingRun run = new PreTrainingRun(model,
                o.containsKey("--task") ? task(o.get("--task")) : d.task(),
                Options.integer("--steps", o.getOrDefault("--steps", "" + d.steps())),
                Options.integer("--batch", o.getOrDefault("--batch", "" + d.batchSize())),
                Options.real("--lr", o.getOrDefault("--lr", "" + d.learningRate())),
                Options.integer("--warmup", o.getOrDefault("--warmup", "" + d.warmup())),
                Options.integer("--seed", o.getOrDefault("--seed", "" + d.seed())),
                Options.integer("--max-length", o.getOrDefault("--max-length", "" + d.maxLength())),
                Options.integer("--vocab", o.getOrDefault("--vocab", "" + d.vocabularySize())),
                Options.integer("--eval-pairs", o.getOrDefault("--eval-pairs", "" + d.evalPairs())),
                Options.integer("--eval-every", o.getOrDefault("--eval-every", "" + d.evalEvery())));
        Threads.limit(threads);
        var result = run.run(out, System.err);
        System.out.println("final " + result.get("final") + "\nwrote " + out.resolve("metrics.json") + " and "
                + out.resolve("loss.png"));
        return 0;
    }

    private static SentencePairs.Task task(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "nsp" -> SentencePairs.Task.NSP;
            case "sop" -> SentencePairs.Task.SOP;
            default -> throw new UsageException("--task is '" + name + "' but must be nsp or sop");
        };
    }

    /** Number parsing with one-line messages naming the option. */
    private static final class Options {
        static int integer(String key, String v) {
            try {
                return Integer.parseInt(v.strip());
            } catch (NumberFormatException e) {
                throw new UsageException(key + " expects a whole number, got '" + v + "'");
            }
        }

        static double real(String key, String v) {
            try {
                return Double.parseDouble(v.strip());
            } catch (NumberFormatException e) {
                throw new UsageException(key + " expects a number, got '" + v + "'");
            }
        }
    }
}
