package io.sparcade.cli;

import io.sparcade.dse.exec.ClusterToken;
import picocli.CommandLine.Option;

/** {@code --token}: the DSE cluster's shared token, else the {@code SPARCADE_CLUSTER_TOKEN} environment variable. */
final class TokenOption {
    @Option(names = "--token", paramLabel = "<token>",
            description = "The cluster's token (default: $" + ClusterToken.ENV + "; the first worker generates and "
                    + "prints one when neither is set). Members with another token cannot join.")
    String token;

    /** The token given, or null when neither the option nor the environment variable is set. */
    ClusterToken given() {
        String t = token != null ? token : System.getenv(ClusterToken.ENV);
        return t == null || t.isEmpty() ? null : new ClusterToken(t);
    }

    /** The token given; refuses (one line) when there is none. */
    ClusterToken required(String who) {
        ClusterToken t = given();
        if (t == null) {
            throw new IllegalArgumentException(who + " needs the cluster's token: --token <token> or " + ClusterToken.ENV
                    + " (the first 'sparcade worker' printed it)");
        }
        return t;
    }
}
