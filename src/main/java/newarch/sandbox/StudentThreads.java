package newarch.sandbox;

import java.util.Set;

/**
 * Threads that student code started live on after their cell; left running (a thread bomb, a busy loop in the
 * background) they would starve everything graded after them. The runner stops them when their cell ends.
 */
final class StudentThreads {
    private final Set<Thread> trusted;

    /** Remembers every thread alive now (before any student code ran) as not the student's. */
    StudentThreads() {
        this.trusted = Set.copyOf(Thread.getAllStackTraces().keySet());
    }

    @SuppressWarnings({"deprecation", "removal"})
    void stopStrays() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t != Thread.currentThread() && !trusted.contains(t) && isStudents(t)) {
                t.stop(); // deprecated, but the only way to end a thread that ignores interrupts (JDK 17)
            }
        }
    }

    /** Threads in JShell's execution group run student code; JShell's own machinery lives elsewhere. */
    private static boolean isStudents(Thread t) {
        ThreadGroup g = t.getThreadGroup();
        while (g != null) {
            if (g.getName().contains("local execution")) {
                return true;
            }
            g = g.getParent();
        }
        return false;
    }
}
