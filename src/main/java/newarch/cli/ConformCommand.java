package newarch.cli;

import java.nio.file.Path;
import newarch.conform.Conformance;

/** {@code conform FIXTURE_DIR OUT_DIR} (SPEC §2); {@code conform --kinds} lists the supported kinds. */
final class ConformCommand implements Command {
    @Override
    public String name() {
        return "conform";
    }

    @Override
    public String usage() {
        return "conform FIXTURE_DIR OUT_DIR | conform --kinds";
    }

    @Override
    public String summary() {
        return "run a PyTorch/Hugging Face conformance fixture and write its outputs as .npy";
    }

    @Override
    public int run(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--kinds")) {
            Conformance.kinds().forEach(System.out::println);
            return 0;
        }
        if (args.length != 2) {
            throw new UsageException("expected FIXTURE_DIR OUT_DIR, got " + args.length + " argument(s)");
        }
        Conformance.run(Path.of(args[0]), Path.of(args[1]));
        return 0;
    }
}
