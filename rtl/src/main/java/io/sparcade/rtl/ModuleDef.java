package io.sparcade.rtl;

import io.sparcade.model.Checks;
import io.sparcade.model.SpecException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A generated module: parameters, ports, internal nets, instances and assignments. Names must be unique. */
public record ModuleDef(String name, List<Param> params, List<Port> ports, List<Net> nets, List<Instance> instances,
                        List<Assign> assigns) {
    public ModuleDef {
        Checks.name(name, "module name");
        params = Checks.list(params);
        ports = Checks.list(ports);
        nets = Checks.list(nets);
        instances = Checks.list(instances);
        assigns = Checks.list(assigns);
        Set<String> seen = new HashSet<>();
        for (Port p : ports) {
            unique(seen, p.name(), name);
        }
        for (Net n : nets) {
            unique(seen, n.name(), name);
        }
        for (Instance i : instances) {
            unique(seen, i.name(), name);
        }
    }

    private static void unique(Set<String> seen, String id, String module) {
        if (!seen.add(id)) {
            throw new SpecException("module " + module, id, "declared twice");
        }
    }
}
