package io.sparcade.verilator;

import io.sparcade.rtl.Design;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Icarus Verilog backend: {@code iverilog -g2012} with the SystemVerilog testbench, run by {@code vvp -n}. */
public final class IcarusSimulator implements RtlSimulator {
    @Override
    public String name() {
        return "icarus";
    }

    @Override
    public void checkInstalled() {
        Tools.require("iverilog", "iverilog");
        Tools.require("vvp", "iverilog");
    }

    static Command buildCommand(List<String> svFiles, Path dir) {
        List<String> argv = new ArrayList<>(List.of("iverilog", "-g2012", "-s", "sc_tb", "-o", "sim.vvp", "tb.sv"));
        argv.addAll(svFiles);
        return new Command(argv, Map.of(), dir);
    }

    @Override
    public SimBuild build(Design design) {
        checkInstalled();
        Map<String, String> sources = new LinkedHashMap<>(design.files());
        List<String> sv = List.copyOf(sources.keySet());
        sources.put("tb.sv", Testbench.sv(design));
        String version = Tools.version("iverilog", "-V");
        String key = BuildCache.key(name(), version, design, sources);
        boolean[] cached = new boolean[1];
        Path dir = BuildCache.getOrBuild(name(), key, sources,
                d -> Tools.run(buildCommand(sv, d), d.resolve("build.log"), VerilatorSimulator.BUILD_TIMEOUT,
                        "iverilog build of " + design.config().label()) == 0,
                design.config().label(), cached);
        return new SimBuild(name(), design, dir, List.of("vvp", "-n", dir.resolve("sim.vvp").toString()), cached[0]);
    }
}
