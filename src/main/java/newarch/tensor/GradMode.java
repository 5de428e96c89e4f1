package newarch.tensor;

/**
 * Switches gradient recording off for a block, like {@code torch.no_grad()}:
 * {@code try (var ignored = GradMode.off()) { ... }}. Per thread, and nestable.
 */
public final class GradMode implements AutoCloseable {
    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> true);
    private final boolean previous;

    private GradMode(boolean enabled) {
        previous = ENABLED.get();
        ENABLED.set(enabled);
    }

    public static GradMode off() {
        return new GradMode(false);
    }

    public static GradMode on() {
        return new GradMode(true);
    }

    public static boolean isEnabled() {
        return ENABLED.get();
    }

    @Override
    public void close() {
        ENABLED.set(previous);
    }
}
