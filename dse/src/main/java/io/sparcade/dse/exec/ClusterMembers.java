package io.sparcade.dse.exec;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Embedded Hazelcast members for sweeps: TCP-IP join to a named address (multicast and auto-detection off),
 * bound to one interface, cluster name derived from the cluster's {@link ClusterToken}, phone-home off,
 * Hazelcast's own logging off. A member that was asked to join and did not (Hazelcast turned it away because its
 * cluster name differs, or nothing answered) is shut down and reported in one line.
 */
public final class ClusterMembers {
    /** Name of the distributed executor the points run on. */
    public static final String EXECUTOR = "sparcade-dse-points";
    /** Hazelcast's default member port. */
    public static final int DEFAULT_PORT = 5701;

    private ClusterMembers() {
    }

    /**
     * Starts a member.
     *
     * @param join      {@code host:port} of a member to join, or null to start a new cluster
     * @param bindHost  interface address to bind and publish (e.g. {@code 127.0.0.1})
     * @param port      first port to try (the next ones are tried when taken)
     * @param token     the cluster's token
     * @throws IllegalArgumentException when the member could not join {@code join}, saying why
     */
    public static HazelcastInstance start(String join, String bindHost, int port, ClusterToken token) {
        // Hazelcast logs its start-up warnings (e.g. about --add-opens) before it reads the config's logging type.
        if (System.getProperty("hazelcast.logging.type") == null) {
            System.setProperty("hazelcast.logging.type", "none");
        }
        Config c = new Config();
        c.setClusterName(token.clusterName());
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.logging.type", "none");
        c.setProperty("hazelcast.wait.seconds.before.join", "0");
        c.setProperty("hazelcast.socket.bind.any", "false");
        NetworkConfig net = c.getNetworkConfig();
        net.setPort(port).setPortAutoIncrement(true).setPortCount(100);
        net.getInterfaces().setEnabled(true).addInterface(bindHost);
        JoinConfig j = net.getJoin();
        j.getMulticastConfig().setEnabled(false);
        j.getAutoDetectionConfig().setEnabled(false);
        j.getTcpIpConfig().setEnabled(true);
        if (join != null) {
            parse(join);
            j.getTcpIpConfig().addMember(join);
        } else {
            j.getTcpIpConfig().addMember(bindHost);
        }
        c.getExecutorConfig(EXECUTOR).setPoolSize(Runtime.getRuntime().availableProcessors());
        HazelcastInstance member = Hazelcast.newHazelcastInstance(c);
        if (join != null && member.getCluster().getMembers().size() < 2) {
            // Hazelcast found no member of this cluster name at the address and started a cluster of its own.
            member.shutdown();
            throw new IllegalArgumentException("could not join the cluster at " + join + ": " + (answers(join)
                    ? "the member there turned this one away, its cluster token differs (use the token the first "
                    + "worker printed: --token or " + ClusterToken.ENV + "; or that member was still starting)"
                    : "nothing answers there (is a worker running, and reachable from " + bindHost + "?)"));
        }
        return member;
    }

    /** Whether something accepts TCP connections at {@code host:port} (to tell a refusal from an absence). */
    private static boolean answers(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(hostPort.substring(0, colon), parse(hostPort)), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Checks {@code host:port}; returns the port. */
    public static int parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try {
            if (colon <= 0) {
                throw new NumberFormatException();
            }
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected host:port such as 127.0.0.1:5701, got '" + hostPort + "'");
        }
    }
}
