package parallellab.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class JitSettlingTest {

    @Test
    void javaThreadsCpuGrowsWithWorkOnAJavaThread() {
        double before = JitSettling.javaThreadsCpuSeconds();
        long sum = 0;
        long end = System.nanoTime() + 200_000_000L;
        while (System.nanoTime() < end) {
            sum += Long.numberOfTrailingZeros(sum + end);
        }
        assertTrue(sum >= 0);
        assertTrue(JitSettling.javaThreadsCpuSeconds() - before > 0.05, "200 ms of spinning shows as Java CPU");
    }

    @Test
    void warmUpStopsAtTheRoundLimitAndSaysItDidNotSettle() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        Table table = JitSettling.warmUp(rounds::incrementAndGet, -1, 3);   // a share below 0 never settles
        assertEquals(3, rounds.get());
        assertEquals(3, table.rowCount());
        assertTrue(table.name().contains("NOT settled after 3 rounds"), table.name());
    }

    @Test
    void warmUpStopsAtTheFirstSettledRound() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        Table table = JitSettling.warmUp(rounds::incrementAndGet, Double.MAX_VALUE, 5);   // any round settles
        assertEquals(1, rounds.get());
        assertTrue(!table.name().contains("NOT"), table.name());
    }
}
