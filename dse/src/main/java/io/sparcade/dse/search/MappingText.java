package io.sparcade.dse.search;

import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.mapping.OpMapping;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A mapping on one line, for a CSV cell: {@code node=unit/tile/order;...} with {@code *} where the scheduler
 * decides, e.g. {@code fc1.fwd=*&#47;128x64x32/mn}. The scheduler's own mapping prints as {@code auto}.
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
}
