package newarch.models.shuffle;

import java.util.List;
import java.util.Locale;

/**
 * A Shuffle-Exchange sequence tagger.
 *
 * @param variant {@link Variant#NSE} (gated switch units) or {@link Variant#RSE} (residual switch units)
 * @param m       features per position (the paper's m); even for NSE
 * @param blocks  Beneš blocks before the final switch layer
 * @param vocab   token ids in (input) and classes out (one shared vocabulary, PAD = 0 included)
 * @param edgeUnits whether each Beneš block gives the first layer of each half a switch unit of its own (as the
 *                authors' RSE code does) instead of sharing one unit across every layer of the half
 */
public record ShuffleExchangeConfig(Variant variant, int m, int blocks, int vocab, boolean edgeUnits) {
    /** Which switch unit the network is built from. */
    public enum Variant {
        /** Neural Shuffle-Exchange network (Freivalds et al. 2019): {@link GatedSwitchUnit}. */
        NSE,
        /** Residual Shuffle-Exchange network (Draguns et al. 2020): {@link ResidualSwitchUnit}. */
        RSE;

        public static Variant parse(String name) {
            try {
                return valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("variant is '" + name + "' but must be nse or rse");
            }
        }
    }

    /** One switch unit per half of each Beneš block (the papers' description). */
    public ShuffleExchangeConfig(Variant variant, int m, int blocks, int vocab) {
        this(variant, m, blocks, vocab, false);
    }

    public ShuffleExchangeConfig {
        if (variant == null) {
            throw new IllegalArgumentException("variant is null but must be nse or rse");
        }
        if (m < 1 || blocks < 1 || vocab < 1) {
            throw new IllegalArgumentException("shuffle-exchange config: m " + m + ", blocks " + blocks + " and vocab "
                    + vocab + " must all be positive");
        }
        if (variant == Variant.NSE && m % 2 != 0) {
            throw new IllegalArgumentException("shuffle-exchange config: m is " + m + " but NSE needs an even m");
        }
    }

    /**
     * The CPU-sized configurations: nse-small and rse-small (m 32, 2 Beneš blocks), and rse-tiny (m 32, 1 Beneš
     * block: half the switch layers, so about twice as fast; the papers use one block for addition and sorting), and
     * rse-tiny-edge: rse-tiny with its own units for the first layer of each half ({@link #edgeUnits()}).
     */
    public static ShuffleExchangeConfig named(String name, int vocab) {
        return switch (name) {
            case "nse-small" -> new ShuffleExchangeConfig(Variant.NSE, 32, 2, vocab);
            case "rse-small" -> new ShuffleExchangeConfig(Variant.RSE, 32, 2, vocab);
            case "rse-tiny" -> new ShuffleExchangeConfig(Variant.RSE, 32, 1, vocab);
            case "rse-tiny-edge" -> new ShuffleExchangeConfig(Variant.RSE, 32, 1, vocab, true);
            default -> throw new IllegalArgumentException("unknown shuffle-exchange configuration '" + name
                    + "' (known: " + String.join(", ", names()) + ")");
        };
    }

    public static List<String> names() {
        return List.of("nse-small", "rse-small", "rse-tiny", "rse-tiny-edge");
    }
}
