package io.sparcade.rtl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects the parts of a {@link ModuleDef} while a generator walks a block's structure. */
final class ModuleBuilder {
    private final String name;
    private final List<Port> ports = new ArrayList<>();
    private final List<Net> nets = new ArrayList<>();
    private final List<Instance> instances = new ArrayList<>();
    private final List<Assign> assigns = new ArrayList<>();

    ModuleBuilder(String name) {
        this.name = name;
    }

    ModuleBuilder port(Port p) {
        ports.add(p);
        return this;
    }

    ModuleBuilder net(String n, int width) {
        nets.add(new Net(n, width));
        return this;
    }

    ModuleBuilder assign(String lhs, String rhs) {
        assigns.add(new Assign(lhs, rhs));
        return this;
    }

    ModuleBuilder instance(String module, String inst, List<Param> params, Map<String, String> conns) {
        instances.add(new Instance(module, inst, params, conns));
        return this;
    }

    ModuleDef build() {
        return new ModuleDef(name, List.of(), ports, nets, instances, assigns);
    }

    /** Connections in insertion order: {@code conns("a", "x", "b", "y")}. */
    static Map<String, String> conns(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    static List<Param> params(Object... pairs) {
        List<Param> l = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            l.add(new Param((String) pairs[i], ((Number) pairs[i + 1]).longValue()));
        }
        return l;
    }

    /** A bit slice {@code net[lo +: width]}. */
    static String slice(String net, int lo, int width) {
        return net + "[" + lo + " +: " + width + "]";
    }
}
