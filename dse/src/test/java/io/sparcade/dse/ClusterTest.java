package io.sparcade.dse;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.sparcade.dse.exec.ClusterMembers;
import io.sparcade.dse.exec.HazelcastSweepExecutor;
import io.sparcade.dse.exec.LocalSweepExecutor;
import io.sparcade.dse.out.PointsCsv;
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

    private final List<HazelcastInstance> members = new ArrayList<>();

    @AfterEach
    void shutdown() {
        members.forEach(HazelcastInstance::shutdown);
    }

    @Test
    @Timeout(120)
    void twoMemberClusterGivesTheSameRowsAsALocalRun() throws Exception {
        SweepSpec sweep = TestSweeps.small();
        HazelcastInstance worker = ClusterMembers.start(null, "127.0.0.1", 5901);
        members.add(worker);
        String address = "127.0.0.1:" + worker.getCluster().getLocalMember().getAddress().getPort();
        HazelcastInstance coordinator = ClusterMembers.start(address, "127.0.0.1", 5901);
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
}
