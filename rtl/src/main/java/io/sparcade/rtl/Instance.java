package io.sparcade.rtl;

import io.sparcade.model.Checks;
import java.util.List;
import java.util.Map;

/** An instance of {@code module} named {@code name}, with parameter overrides and port connections. */
public record Instance(String module, String name, List<Param> params, Map<String, String> connections) {
    public Instance {
        Checks.name(module, "instance module");
        Checks.name(name, "instance name");
        params = Checks.list(params);
        connections = Checks.map(connections);
    }
}
