package io.sparcade.verilator.layer;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparcade.dataflow.DataflowGraph;
import io.sparcade.dataflow.GraphBuilder;
import io.sparcade.hwsim.OperatorModel;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.spec.Specs;
import io.sparcade.model.workload.Workload;
import io.sparcade.scheduler.Firing;
import io.sparcade.scheduler.ListScheduler;
import io.sparcade.scheduler.Schedule;
import io.sparcade.verilator.RtlSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LayerSmokeTest {
    @ParameterizedTest
    @CsvSource({"ws,verilator", "os,verilator", "is,verilator"})
    void smoke(String df, String sim, @TempDir Path dir) throws Exception {
        Path arch = dir.resolve("a.yaml");
        Files.writeString(arch, """
                name: t
                clock_mhz: 500
                units:
                  array: {type: nm-array, rows: 4, cols: 4, dataflow: %s, precision_bits: 8, supported_m: [4], buffer: glb}
                  glb: {type: buffer, capacity_kib: 4, bytes_per_cycle: 64}
                  dram: {type: dram, channels: 1, bytes_per_cycle_per_channel: 8, efficiency: 1.0}
                """.formatted(df));
        Path wl = dir.resolve("w.yaml");
        Files.writeString(wl, """
                name: g
                inputs:
                  x: [20, 24]
                operators:
                  - {name: fc, type: gemm, inputs: [x], m: 20, k: 24, n: 12}
                sparsity:
                  fc: {nm: {n: 2, m: 4, dim: k}}
                """);
        Architecture a = Specs.architecture(arch.toString(), List.of());
        Workload w = Specs.workload(wl.toString(), Map.of(), List.of());
        DataflowGraph g = new GraphBuilder("t").build(w);
        Schedule s = new ListScheduler(new OperatorModel(), "m").schedule(g, a, Mapping.NONE);
        Firing f = s.firings().stream().filter(x -> x.node().name().equals("fc")).findFirst().orElseThrow();
        System.out.println(s.toText());
        LayerCosim.Row r = LayerCosim.run(RtlSimulator.named(sim), f.node(), f.placement(), a, 7, dir.resolve("run"),
                Duration.ofSeconds(120));
        System.out.println(r);
        assertThat(r.outputsMatch()).isTrue();
    }
}
