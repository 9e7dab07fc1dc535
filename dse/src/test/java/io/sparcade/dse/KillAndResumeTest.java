package io.sparcade.dse;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparcade.dse.exec.LocalSweepExecutor;
import io.sparcade.dse.output.PointsCsv;
import io.sparcade.dse.sweep.SweepParser;
import io.sparcade.dse.sweep.SweepSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A sweep killed with SIGKILL in a child JVM, then resumed: every point exactly once, none lost. */
class KillAndResumeTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void resumeAfterSigkillIsCompleteAndDuplicateFree() throws Exception {
        Path sweepFile = dir.resolve("long.yaml");
        Files.writeString(sweepFile, TestSweeps.LONG);
        SweepSpec sweep = SweepParser.parse(sweepFile.toString(), TestSweeps.LONG);
        Path killed = dir.resolve("killed");
        Path points = killed.resolve(PointsCsv.FILE);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                KillableSweepMain.class.getName(), sweepFile.toString(), killed.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        long rowsAtKill;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (lines(points) < 41 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(child.isAlive()).as("child still running when killed (log: %s)", Files.exists(dir.resolve("child.log"))
                    ? Files.readString(dir.resolve("child.log")) : "").isTrue();
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        rowsAtKill = lines(points) - 1;
        assertThat(rowsAtKill).isBetween(40L, sweep.size() - 1);
        Properties state = new Properties();
        state.load(Files.newBufferedReader(killed.resolve(SweepRun.STATE_FILE)));
        assertThat(state.getProperty("state")).isEqualTo("running");
        assertThat(killed.resolve(SweepRun.PARETO_FILE)).doesNotExist();

        RunSummary resumed = new SweepRun(killed, true, ProgressListener.NONE).run(sweep, new LocalSweepExecutor(2));
        assertThat(resumed.resumed() + resumed.evaluated()).isEqualTo(sweep.size());
        assertThat(resumed.resumed()).isGreaterThanOrEqualTo(rowsAtKill - 1);

        List<String> rows = Files.readAllLines(points);
        Set<String> ids = new HashSet<>();
        for (String r : rows.subList(1, rows.size())) {
            assertThat(ids.add(r.substring(0, r.indexOf(',')))).as("duplicate row %s", r).isTrue();
        }
        assertThat(ids).hasSize((int) sweep.size());

        // The resumed run holds exactly the rows of an uninterrupted run.
        Path clean = dir.resolve("clean");
        new SweepRun(clean, false, ProgressListener.NONE).run(sweep, new LocalSweepExecutor(2));
        List<String> cleanRows = Files.readAllLines(clean.resolve(PointsCsv.FILE));
        assertThat(rows.get(0)).isEqualTo(cleanRows.get(0));
        assertThat(rows.subList(1, rows.size())).containsExactlyInAnyOrderElementsOf(cleanRows.subList(1, cleanRows.size()));
        assertThat(Files.readString(killed.resolve(SweepRun.PARETO_FILE)).lines().sorted().toList())
                .isEqualTo(Files.readString(clean.resolve(SweepRun.PARETO_FILE)).lines().sorted().toList());
    }

    private static long lines(Path file) {
        try {
            if (!Files.exists(file)) {
                return 0;
            }
            byte[] b = Files.readAllBytes(file);
            long n = 0;
            for (byte x : b) {
                if (x == '\n') {
                    n++;
                }
            }
            return n;
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
