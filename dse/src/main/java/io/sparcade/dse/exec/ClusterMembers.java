package io.sparcade.dse.exec;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

/**
 * Embedded Hazelcast members for sweeps: TCP-IP join to a named address (multicast and auto-detection off),
 * bound to one interface, phone-home off, Hazelcast's own logging off.
 */
public final class ClusterMembers {
    /** Cluster name every Sparcade member uses. */
    public static final String CLUSTER = "sparcade-dse";
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
     */
    public static HazelcastInstance start(String join, String bindHost, int port) {
        // Hazelcast logs its start-up warnings (e.g. about --add-opens) before it reads the config's logging type.
        if (System.getProperty("hazelcast.logging.type") == null) {
            System.setProperty("hazelcast.logging.type", "none");
        }
        Config c = new Config();
        c.setClusterName(CLUSTER);
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
        return Hazelcast.newHazelcastInstance(c);
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
