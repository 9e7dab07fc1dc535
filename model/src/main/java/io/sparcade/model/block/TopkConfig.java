package io.sparcade.model.block;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SpAtten-style quick-select top-k engine block: {@code p} lanes, queries of {@code len} unsigned scores of
 * {@code width} bits, emits the indices of the {@code k} largest (ties broken towards the lower index).
 *
 * @param p     elements per cycle through the comparators (1..32)
 * @param len   elements per query (2..256)
 * @param k     elements kept (1..len)
 * @param width score bits, unsigned (2..16)
 */
public record TopkConfig(int p, int len, int k, int width) implements BlockConfig {
    public TopkConfig {
        BlockKind b = BlockKind.TOPK;
        Ranges.in(b, "p", p, 1, 32);
        Ranges.in(b, "len", len, 2, 256);
        Ranges.in(b, "k", k, 1, len);
        Ranges.in(b, "width", width, 2, 16);
    }

    @Override
    public BlockKind kind() {
        return BlockKind.TOPK;
    }

    @Override
    public Map<String, Integer> params() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("p", p);
        m.put("len", len);
        m.put("k", k);
        m.put("width", width);
        return m;
    }

    /** Bits of an element index. */
    public int indexBits() {
        return Ranges.bitsFor(len);
    }
}
