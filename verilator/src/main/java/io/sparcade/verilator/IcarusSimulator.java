package io.sparcade.verilator;

import io.sparcade.rtl.Design;
import java.nio.file.Path;
import java.util.ArrayList;
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
        return BuildCache.build(name(), Tools.version("iverilog", "-V"), design, "tb.sv", Testbench.sv(design),
                IcarusSimulator::buildCommand, dir -> List.of("vvp", "-n", dir.resolve("sim.vvp").toString()));
    }
}
