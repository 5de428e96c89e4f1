package newarch.sandbox;

/**
 * The security manager of the student JVM: the policy decides most things; on top, exit is refused (the
 * runner alone ends the JVM) and student code may not create more than a bounded number of threads.
 */
final class SandboxSecurityManager extends SecurityManager {
    private static final int MAX_THREADS = 64;
    private volatile boolean exitAllowed;

    void allowExit() {
        exitAllowed = true;
    }

    @Override
    public void checkExit(int status) {
        if (!exitAllowed) {
            throw new SecurityException("System.exit and Runtime.halt are not allowed in a graded notebook");
        }
    }

    @Override
    public void checkAccess(ThreadGroup g) {
        super.checkAccess(g);
        if (Thread.activeCount() > MAX_THREADS && !trustedCaller()) {
            throw new SecurityException("too many threads: a graded notebook may run at most " + MAX_THREADS);
        }
    }

    /** Whether every frame on the stack is trusted (then this is the JDK or the runner creating a thread). */
    private boolean trustedCaller() {
        try {
            checkPermission(new RuntimePermission("modifyThreadGroup"));
            return true;
        } catch (SecurityException e) {
            return false;
        }
    }
}
