package io.sparcade.verilator;

import io.sparcade.rtl.Design;
import java.util.List;

/**
 * A simulator of generated RTL. Building and running are separate: {@link #build} compiles a design with
 * the shared stream testbench (cached by a hash of Verilog, parameters and tool version); {@link #run}
 * starts one process for the build, streams every vector's words in and parses each vector's cycles and
 * outputs. A compile error, a hang (cycle limit or wall-clock timeout) or a crash is a
 * {@link SimulationException} naming the design and the log.
 */
public interface RtlSimulator {
    /** {@code verilator} or {@code icarus}. */
    String name();

    /** Fails with {@link ToolMissingException} when the simulator's tools are not installed. */
    void checkInstalled();

    SimBuild build(Design design);

    default List<RtlResult> run(SimBuild build, List<StimulusVector> vectors, RunOptions options) {
        return StreamingRun.run(build, vectors, options);
    }

    /** The simulator called {@code name} ({@code verilator} or {@code icarus}). */
    static RtlSimulator named(String name) {
        return switch (name) {
            case "verilator" -> new VerilatorSimulator();
            case "icarus" -> new IcarusSimulator();
            default -> throw new IllegalArgumentException("--simulator: expected verilator or icarus, got '" + name + "'");
        };
    }
}
