package newarch.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Runs a timing command with {@code OMP_WAIT_POLICY=PASSIVE}. By default libnd4j's OpenMP threads spin after every op
 * and take the cores from OpenBLAS's threads in the next matrix product; with two cores that made multi-head
 * attention up to 3× slower (B=1, L=128: 64 vs 20 ms; L=512: 113 vs 73 ms). The policy is read once, when the
 * native library starts, so a JVM started without it re-launches itself with it (scripts/newarch sets it already).
 */
final class WaitPolicy {
    static final String VARIABLE = "OMP_WAIT_POLICY";

    private WaitPolicy() {
    }

    /** The exit code of the same command re-run with the passive policy, or empty when this JVM already has one. */
    static OptionalInt relaunchedIfUnset(String command, String[] args) {
        if (System.getenv(VARIABLE) != null) {
            return OptionalInt.empty();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.add(command);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().put(VARIABLE, "PASSIVE");
        System.err.println(command + ": re-running with " + VARIABLE + "=PASSIVE (idle native threads must not spin)");
        try {
            return OptionalInt.of(pb.start().waitFor());
        } catch (IOException e) {
            throw new UsageException("cannot start a JVM with " + VARIABLE + "=PASSIVE: " + e.getMessage()
                    + "; set it yourself and run again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.of(130);
        }
    }
}
