package newarch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The test JVM has the policy (pom.xml sets it, as scripts/env.sh does), so nothing is re-launched. */
class WaitPolicyTest {
    @Test
    void aJvmThatHasThePolicyRunsTheCommandItself() {
        assertEquals("PASSIVE", System.getenv(WaitPolicy.VARIABLE));
        assertTrue(WaitPolicy.relaunchedIfUnset("bench", new String[] {"--out", "x"}).isEmpty());
    }
}
