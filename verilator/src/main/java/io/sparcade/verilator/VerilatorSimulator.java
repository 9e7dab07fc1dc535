package io.sparcade.verilator;

import io.sparcade.rtl.Design;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verilator backend: {@code verilator --cc --exe --build -j 2 --trace} with the generated C++ testbench,
 * {@code OBJCACHE=ccache} when ccache is installed. The binary is {@code obj/sim}.
 */
public final class VerilatorSimulator implements RtlSimulator {
    /** Wall-clock bound of one build. */
    static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);

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
        Map<String, String> sources = new LinkedHashMap<>(design.files());
        List<String> sv = List.copyOf(sources.keySet());
        sources.put("tb.cpp", Testbench.cpp(design));
        String version = Tools.version("verilator", "--version");
        String key = BuildCache.key(name(), version, design, sources);
        boolean[] cached = new boolean[1];
        Path dir = BuildCache.getOrBuild(name(), key, sources,
                d -> Tools.run(buildCommand(design, sv, d), d.resolve("build.log"), BUILD_TIMEOUT,
                        "verilator build of " + design.config().label()) == 0,
                design.config().label(), cached);
        return new SimBuild(name(), design, dir, List.of(dir.resolve("obj").resolve("sim").toString()), cached[0]);
    }
}
