package newarch.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class TableTest {
    @Test
    void alignsWordsLeftAndNumbersRight() {
        String t = Table.header("layer", "steps", "path").row("self-attention", 1, 1.0).row("RNN", 100, 99.5)
                .decimals(1).toString();
        assertEquals(String.join("\n",
                "layer           steps  path",
                "--------------  -----  ----",
                "self-attention      1   1.0",
                "RNN               100  99.5"), t);
    }

    @Test
    void labelsTheRowsAndColumnsOfAMatrix() {
        String t = Table.of(Nd4j.createFromArray(new double[][] {{0.25, 0.75}, {1, 0}}).reshape(1, 2, 2))
                .rowLabels(List.of("I", "saw")).columnLabels(List.of("I", "saw")).decimals(2).toString();
        assertEquals(String.join("\n",
                "        I   saw",
                "---  ----  ----",
                "I    0.25  0.75",
                "saw  1.00  0.00"), t);
    }

    @Test
    void tinyNonZeroValuesAreNotPrintedAsZero() {
        String t = Table.header("difference").row(3.0e-8).row(0.0).row(-2.5e-5).decimals(3).toString();
        assertEquals(String.join("\n",
                "difference",
                "----------",
                "   3.0e-08",
                "     0.000",
                "  -2.5e-05"), t);
    }

    @Test
    void errorsNameTheProblem() {
        var e = assertThrows(IllegalArgumentException.class, () -> Table.header("a", "b").row(1));
        assertTrue(e.getMessage().contains("1 values") && e.getMessage().contains("2 columns"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Table.of(Nd4j.zeros(2, 2, 2)));
        assertTrue(e.getMessage().contains("[2, 2, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Table.of(Nd4j.zeros(2, 3)).rowLabels(List.of("x")));
        assertTrue(e.getMessage().contains("2 rows"), e.getMessage());
    }
}
