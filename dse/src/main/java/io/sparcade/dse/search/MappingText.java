package io.sparcade.dse.search;

import io.sparcade.model.SpecException;
import io.sparcade.model.mapping.LoopOrder;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.mapping.OpMapping;
import io.sparcade.model.mapping.Tile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A mapping on one line, for a CSV cell: {@code node=unit/tile/order;...} with {@code *} where the scheduler
 * decides, e.g. {@code fc1.fwd=array/128x64x32/mn}. The scheduler's own mapping prints as {@code auto}.
 */
public final class MappingText {
    private MappingText() {
    }

    public static String format(Mapping mapping) {
        if (mapping.operators().isEmpty()) {
            return "auto";
        }
        StringJoiner j = new StringJoiner(";");
        for (Map.Entry<String, OpMapping> e : mapping.operators().entrySet()) {
            OpMapping m = e.getValue();
            j.add(e.getKey() + "=" + (m.unit() == null ? "*" : m.unit()) + "/" + (m.tile() == null ? "*" : m.tile())
                    + "/" + (m.loopOrder() == null ? "*" : m.loopOrder().id()));
        }
        return j.toString();
    }

    /** Reads what {@link #format} wrote. */
    public static Mapping parse(String text) {
        if (text.equals("auto") || text.isEmpty()) {
            return Mapping.NONE;
        }
        Map<String, OpMapping> ops = new LinkedHashMap<>();
        for (String entry : text.split(";")) {
            int eq = entry.lastIndexOf('=');
            String[] parts = eq < 0 ? new String[0] : entry.substring(eq + 1).split("/");
            if (parts.length != 3) {
                throw new SpecException("mapping", entry, "expected node=unit/tile/order");
            }
            Tile tile = null;
            if (!parts[1].equals("*")) {
                String[] d = parts[1].split("x");
                if (d.length != 3) {
                    throw new SpecException("mapping", entry, "expected a tile m x k x n, got " + parts[1]);
                }
                tile = new Tile(Long.parseLong(d[0]), Long.parseLong(d[1]), Long.parseLong(d[2]));
            }
            LoopOrder order = null;
            for (LoopOrder o : LoopOrder.values()) {
                if (o.id().equals(parts[2])) {
                    order = o;
                }
            }
            if (order == null && !parts[2].equals("*")) {
                throw new SpecException("mapping", entry, "unknown loop order " + parts[2]);
            }
            ops.put(entry.substring(0, eq), new OpMapping(parts[0].equals("*") ? null : parts[0], tile, order));
        }
        return new Mapping(ops);
    }
}
