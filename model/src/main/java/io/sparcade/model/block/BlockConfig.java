package io.sparcade.model.block;

import java.util.Map;

/** A validated configuration of one RTL block; {@link #params()} gives it back as command-line parameters. */
public sealed interface BlockConfig permits NmArrayConfig, TopkConfig, DspChainConfig {
    BlockKind kind();

    /** The parameters in a fixed order, as {@code name -> value} (the names used by {@code --param}). */
    Map<String, Integer> params();

    /** A short name for files and logs, e.g. {@code nm-array_rows2_cols2_n2_m4_width8_depth16}. */
    default String label() {
        StringBuilder sb = new StringBuilder(kind().id());
        params().forEach((k, v) -> sb.append('_').append(k).append(v));
        return sb.toString();
    }
}
