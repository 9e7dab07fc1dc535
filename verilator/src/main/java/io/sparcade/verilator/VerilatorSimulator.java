package io.sparcade.verilator;

import io.sparcade.rtl.Design;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Verilator backend: {@code verilator --cc --exe --build -j 2 --trace} with the generated C++ testbench,
 * {@code OBJCACHE=ccache} when ccache is installed. The binary is {@code obj/sim}.
 */
public final class VerilatorSimulator implements RtlSimulator {
    @Override
    public String name() {
        return "verilator";
    }

    @Override
    public void checkInstalled() {
        Tools.require("verilator", "verilator");
        Tools.require("make", "make");
        Tools.require("g++", "g++");
    }

    /** The build command for {@code design}'s sources in {@code dir}. */
    static Command buildCommand(Design design, List<String> svFiles, Path dir) {
        List<String> argv = new ArrayList<>(List.of("verilator", "--cc", "--exe", "--build", "-j", "2", "--trace",
                "-Wall", "--top-module", design.top(), "-Mdir", "obj", "-o", "sim", "tb.cpp"));
        argv.addAll(svFiles);
        Map<String, String> env = new HashMap<>();
        if (Tools.onPath("ccache")) {
            env.put("OBJCACHE", "ccache");
        }
        return new Command(argv, env, dir);
    }

    @Override
    public SimBuild build(Design design) {
        checkInstalled();
        return BuildCache.build(name(), Tools.version("verilator", "--version"), design, "tb.cpp",
                Testbench.cpp(design), (files, dir) -> buildCommand(design, files, dir),
                dir -> List.of(dir.resolve("obj").resolve("sim").toString()));
    }
}
