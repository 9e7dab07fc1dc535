package io.sparcade.dse.exec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The shared secret of a DSE cluster. Hazelcast's open-source edition admits a member only when its cluster name
 * equals the cluster's, so the cluster name is derived from the token: {@code sparcade-} followed by the first 128
 * bits of SHA-256 of the token. A member started with another token, or none, asks to join a cluster of another
 * name and is turned away by Hazelcast itself.
 *
 * <p>What this does not do: the cluster name travels in clear text in every join request, and Hazelcast's open
 * source edition neither encrypts member traffic nor authenticates members any further (TLS and JAAS security are
 * enterprise features). Anyone who can read the traffic can learn the name and join, and a member can run code on
 * every other member (points are evaluated by Java-serialised tasks).
 *
 * @param value the token: at least {@link #MIN_LENGTH} characters from {@code [A-Za-z0-9_-]}
 */
public record ClusterToken(String value) {
    /** Shortest token accepted: 16 characters of the alphabet are 95 bits at best. */
    public static final int MIN_LENGTH = 16;
    /** Environment variable that carries the token when {@code --token} is not given. */
    public static final String ENV = "SPARCADE_CLUSTER_TOKEN";

    public ClusterToken {
        if (value == null || value.length() < MIN_LENGTH || !value.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("a cluster token is at least " + MIN_LENGTH + " characters of A-Z, a-z, "
                    + "0-9, _ and - (the first worker generates one when started without)");
        }
    }

    /** A new random token: 128 bits from {@link SecureRandom}, as 32 hex digits. */
    public static ClusterToken generate() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return new ClusterToken(HexFormat.of().formatHex(b));
    }

    /** The Hazelcast cluster name of the members holding this token. */
    public String clusterName() {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(("sparcade cluster token " + value)
                    .getBytes(StandardCharsets.UTF_8));
            return "sparcade-" + HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "ClusterToken[hidden]";
    }
}
