package io.sparcade.cli;

import com.hazelcast.core.HazelcastInstance;
import io.sparcade.dse.exec.ClusterMembers;
import io.sparcade.dse.exec.ClusterToken;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sparcade worker}: a Hazelcast member that evaluates design points for {@code sparcade dse --cluster}. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Start a DSE cluster member (embedded Hazelcast, TCP-IP join, no multicast) and serve design "
                + "points until stopped. The first worker starts the cluster (and prints a new cluster token unless "
                + "one is given); later ones --join it with the same token.")
final class WorkerCommand implements Callable<Integer> {
    @Option(names = "--join", paramLabel = "<host:port>", description = "A member of the cluster to join.")
    String join;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "<address>",
            description = "This machine's address other members reach it on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", defaultValue = "5701", paramLabel = "<port>",
            description = "First port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    TokenOption token;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @java.lang.Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        ClusterToken t;
        if (join != null) {
            ClusterMembers.parse(join);
            t = token.required("worker --join");
        } else {
            t = token.given();
            if (t == null) {
                t = ClusterToken.generate();
                o.println("cluster token: " + t.value() + "  (give it to every other worker and to dse --cluster: "
                        + "--token " + t.value() + " or " + ClusterToken.ENV + "=" + t.value() + ")");
            }
        }
        HazelcastInstance member = ClusterMembers.start(join, bind, port, t);
        o.println("worker " + member.getCluster().getLocalMember().getAddress() + " in a cluster of "
                + member.getCluster().getMembers().size() + " member(s); join with: sparcade dse --cluster "
                + member.getCluster().getLocalMember().getAddress().getHost() + ":"
                + member.getCluster().getLocalMember().getAddress().getPort() + " --token ...  (Ctrl-C to stop)");
        o.flush();
        new CountDownLatch(1).await();
        return 0;
    }
}
