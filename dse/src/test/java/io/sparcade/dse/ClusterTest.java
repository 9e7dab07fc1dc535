package io.sparcade.dse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastInstance;
import io.sparcade.dse.exec.ClusterMembers;
import io.sparcade.dse.exec.ClusterToken;
import io.sparcade.dse.exec.HazelcastSweepExecutor;
import io.sparcade.dse.exec.LocalSweepExecutor;
import io.sparcade.dse.output.PointsCsv;
import io.sparcade.dse.sweep.SweepSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two embedded members on 127.0.0.1 (TCP-IP join, multicast off) give the same points.csv as a local run. */
class ClusterTest {
    @TempDir
    Path dir;

    /** A fixed token for the test cluster (any 16+ characters of the token alphabet). */
    static final ClusterToken TOKEN = new ClusterToken("test-cluster-token-0123456789");

    private final List<HazelcastInstance> members = new ArrayList<>();

    @AfterEach
    void shutdown() {
        members.forEach(HazelcastInstance::shutdown);
    }

    @Test
    @Timeout(120)
    void twoMemberClusterGivesTheSameRowsAsALocalRun() throws Exception {
        SweepSpec sweep = TestSweeps.small();
        HazelcastInstance worker = ClusterMembers.start(null, "127.0.0.1", 5901, TOKEN);
        members.add(worker);
        String address = "127.0.0.1:" + worker.getCluster().getLocalMember().getAddress().getPort();
        HazelcastInstance coordinator = ClusterMembers.start(address, "127.0.0.1", 5901, TOKEN);
        members.add(coordinator);
        assertThat(coordinator.getCluster().getMembers()).hasSize(2);
        assertThat(worker.getCluster().getLocalMember().getAddress().getHost()).isEqualTo("127.0.0.1");
        assertThat(worker.getConfig().getNetworkConfig().getJoin().getMulticastConfig().isEnabled()).isFalse();

        HazelcastSweepExecutor cluster = new HazelcastSweepExecutor(coordinator);
        new SweepRun(dir.resolve("cluster"), false, ProgressListener.NONE).run(sweep, cluster);
        assertThat(cluster.batchesPerMember()).hasSize(2).allSatisfy((m, n) -> assertThat(n).isPositive());
        new SweepRun(dir.resolve("local"), false, ProgressListener.NONE).run(sweep, new LocalSweepExecutor(2));

        List<String> a = Files.readAllLines(dir.resolve("cluster").resolve(PointsCsv.FILE));
        List<String> b = Files.readAllLines(dir.resolve("local").resolve(PointsCsv.FILE));
        assertThat(a.get(0)).isEqualTo(b.get(0));
        assertThat(a.subList(1, a.size())).hasSize((int) sweep.size())
                .containsExactlyInAnyOrderElementsOf(b.subList(1, b.size()));
    }

    @Test
    @Timeout(120)
    void aWorkerThatDiesMidRunLosesNoPoint() throws Exception {
        SweepSpec sweep = io.sparcade.dse.sweep.SweepParser.parse("long.yaml", TestSweeps.LONG);
        HazelcastInstance worker = ClusterMembers.start(null, "127.0.0.1", 5921, TOKEN);
        members.add(worker);
        HazelcastInstance coordinator = ClusterMembers.start(
                "127.0.0.1:" + worker.getCluster().getLocalMember().getAddress().getPort(), "127.0.0.1", 5921, TOKEN);
        members.add(coordinator);
        assertThat(coordinator.getCluster().getMembers()).hasSize(2);
        HazelcastSweepExecutor cluster = new HazelcastSweepExecutor(coordinator);
        ProgressListener killer = after(40, () -> worker.getLifecycleService().terminate());
        RunSummary s = new SweepRun(dir.resolve("cluster"), false, killer).run(sweep, cluster);
        assertThat(coordinator.getCluster().getMembers()).hasSize(1);
        assertThat(cluster.resentBatches()).isPositive();
        assertThat(s.evaluated()).isEqualTo(sweep.size());
        List<String> rows = Files.readAllLines(dir.resolve("cluster").resolve(PointsCsv.FILE));
        assertThat(rows.subList(1, rows.size()).stream().map(r -> r.substring(0, r.indexOf(','))).distinct().count())
                .isEqualTo(sweep.size());
        assertThat(rows).hasSize((int) sweep.size() + 1);
    }

    @Test
    @Timeout(120)
    void aMemberWithAnotherTokenCannotJoinAndSaysSoInOneLine() throws Exception {
        HazelcastInstance worker = ClusterMembers.start(null, "127.0.0.1", 5941, TOKEN);
        members.add(worker);
        String address = "127.0.0.1:" + worker.getCluster().getLocalMember().getAddress().getPort();
        ClusterToken other = new ClusterToken("another-token-9876543210");
        assertThat(other.clusterName()).isNotEqualTo(TOKEN.clusterName()).startsWith("sparcade-");
        assertThat(worker.getConfig().getClusterName()).isEqualTo(TOKEN.clusterName()).doesNotContain(TOKEN.value());
        assertThatThrownBy(() -> members.add(ClusterMembers.start(address, "127.0.0.1", 5951, other)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("could not join the cluster at " + address)
                .hasMessageContaining("its cluster token differs")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(worker.getCluster().getMembers()).hasSize(1);
        // The refused member was shut down: none but the worker is running.
        assertThat(com.hazelcast.core.Hazelcast.getAllHazelcastInstances()).containsExactly(worker);

        // Where nothing listens, the message says that instead.
        int free;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            free = probe.getLocalPort();
        }
        assertThatThrownBy(() -> members.add(ClusterMembers.start("127.0.0.1:" + free, "127.0.0.1", 5961, TOKEN)))
                .hasMessageContaining("nothing answers there");

        // The right token joins.
        HazelcastInstance second = ClusterMembers.start(address, "127.0.0.1", 5951, TOKEN);
        members.add(second);
        assertThat(worker.getCluster().getMembers()).hasSize(2);
        assertThatThrownBy(() -> new ClusterToken("short")).hasMessageContaining("at least 16 characters");
    }

    /** The coordinator (the dse process's member) dies mid-run; a new one resumes from points.csv. */
    @Test
    @Timeout(180)
    void aRestartedCoordinatorResumesFromPointsCsv() throws Exception {
        SweepSpec sweep = io.sparcade.dse.sweep.SweepParser.parse("long.yaml", TestSweeps.LONG);
        HazelcastInstance worker = ClusterMembers.start(null, "127.0.0.1", 5971, TOKEN);
        members.add(worker);
        String address = "127.0.0.1:" + worker.getCluster().getLocalMember().getAddress().getPort();
        HazelcastInstance first = ClusterMembers.start(address, "127.0.0.1", 5981, TOKEN);
        members.add(first);
        ProgressListener dies = after(40, () -> first.getLifecycleService().terminate());
        Path run = dir.resolve("cluster");
        assertThatThrownBy(() -> new SweepRun(run, false, dies).run(sweep, new HazelcastSweepExecutor(first)));
        long before = Files.readAllLines(run.resolve(PointsCsv.FILE)).size() - 1;
        assertThat(before).isBetween(40L, sweep.size() - 1);

        HazelcastInstance second = ClusterMembers.start(address, "127.0.0.1", 5981, TOKEN);
        members.add(second);
        RunSummary s = new SweepRun(run, true, ProgressListener.NONE).run(sweep, new HazelcastSweepExecutor(second));
        assertThat(s.resumed()).isEqualTo(before);
        assertThat(s.resumed() + s.evaluated()).isEqualTo(sweep.size());
        List<String> rows = Files.readAllLines(run.resolve(PointsCsv.FILE));
        assertThat(rows).hasSize((int) sweep.size() + 1);
        assertThat(rows.subList(1, rows.size()).stream().map(r -> r.substring(0, r.indexOf(','))).distinct().count())
                .isEqualTo(sweep.size());
    }

    /** A listener that runs {@code action} when the {@code n}-th point is done. */
    private static ProgressListener after(int n, Runnable action) {
        java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
        return new ProgressListener() {
            @Override
            public void started(long total, long alreadyDone) {
            }

            @Override
            public void finished(io.sparcade.dse.eval.PointResult result) {
                if (seen.incrementAndGet() == n) {
                    action.run();
                }
            }
        };
    }
}
