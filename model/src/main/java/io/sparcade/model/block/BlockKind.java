package io.sparcade.model.block;

import io.sparcade.model.SpecException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The block families with RTL, by their command-line names. */
public enum BlockKind {
    NM_ARRAY("nm-array"),
    TOPK("topk"),
    DSP_CHAIN("dsp-chain");

    private final String id;

    BlockKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static BlockKind of(String id) {
        for (BlockKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new SpecException("--block", "unknown block '" + id + "'; expected one of "
                + Arrays.stream(values()).map(BlockKind::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
