package newarch.course;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Solution regions in code: the lines between {@code // BEGIN SOLUTION} and {@code // END SOLUTION}.
 * The solution keeps the code without the markers; the exercise gets one line that throws, so the notebook
 * still compiles and a student who runs an unfinished cell reads which exercise is missing.
 * A region must end its method body (code after it would be unreachable in the exercise).
 */
public final class SolutionRegions {
    private static final Pattern REGION = Pattern.compile(
            "(?m)^([ \\t]*)// BEGIN SOLUTION[^\\n]*\\n(.*?)^[ \\t]*// END SOLUTION[^\\n]*(\\n|$)", Pattern.DOTALL);

    private SolutionRegions() {
    }

    public static boolean has(String code) {
        return REGION.matcher(code).find();
    }

    public static String solution(String code) {
        return REGION.matcher(code).replaceAll(m -> Matcher.quoteReplacement(m.group(2)));
    }

    public static String exercise(String code, String exercise) {
        return REGION.matcher(code).replaceAll(m -> Matcher.quoteReplacement(m.group(1)
                + "throw new UnsupportedOperationException(\"Exercise " + exercise
                + " is not done yet: write your code here\");" + m.group(3)));
    }
}
