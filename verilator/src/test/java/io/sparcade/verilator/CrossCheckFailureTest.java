package io.sparcade.verilator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparcade.hwsim.block.BlockResult;
import io.sparcade.model.block.BlockConfig;
import io.sparcade.model.block.TopkConfig;
import io.sparcade.rtl.Design;
import io.sparcade.rtl.Instance;
import io.sparcade.rtl.ModuleDef;
import io.sparcade.rtl.Port;
import io.sparcade.rtl.RtlGenerators;
import io.sparcade.rtl.StreamInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures must be loud: mismatches reported (all of them, with waveforms), hangs, crashes and compile errors. */
class CrossCheckFailureTest {
    static final BlockConfig TOPK = new TopkConfig(4, 16, 4, 8);

    @Test
    void everyMismatchIsReportedWithAWaveform(@TempDir Path dir) throws Exception {
        CrossCheck.Report r = CrossCheck.run(new VerilatorSimulator(), TOPK, 3, 5, dir, RunOptions.DEFAULT_TIMEOUT, q -> {
            BlockResult right = Stimuli.model(TOPK, q);
            return new BlockResult(right.outputs(), right.cycles() + 1);
        });
        assertThat(r.passed()).isFalse();
        assertThat(r.mismatches()).isEqualTo(3);
        assertThat(r.vectors()).allSatisfy(v -> {
            assertThat(v.outputsEqual()).isTrue();
            assertThat(v.cyclesWithinTolerance()).isFalse();
        });
        assertThat(r.verdict()).startsWith("FAIL: topk_p4_len16_k4_width8 on verilator, 3 vectors")
                .contains("0 output mismatches, 3 cycle mismatches");
        assertThat(r.waveforms()).hasSize(3);
        for (Path vcd : r.waveforms()) {
            assertThat(vcd).exists();
            assertThat(Files.readString(vcd)).contains("$enddefinitions").contains("done");
        }
    }

    @Test
    void wrongOutputsAreCaughtByIcarusToo(@TempDir Path dir) {
        CrossCheck.Report r = CrossCheck.run(new IcarusSimulator(), TOPK, 2, 5, dir, RunOptions.DEFAULT_TIMEOUT, q -> {
            BlockResult right = Stimuli.model(TOPK, q);
            long[] o = right.outputs();
            o[0] ^= 1;
            return new BlockResult(o, right.cycles());
        });
        assertThat(r.vectors()).allSatisfy(v -> assertThat(v.outputsEqual()).isFalse());
        assertThat(r.waveforms()).hasSize(2).allSatisfy(p -> assertThat(p).exists());
    }

    @Test
    void aHangIsStoppedByTheCycleLimitAndNamesDesignAndLog(@TempDir Path dir) {
        for (RtlSimulator sim : List.of(new VerilatorSimulator(), new IcarusSimulator())) {
            Design d = RtlGenerators.generate(TOPK);
            SimBuild b = sim.build(d);
            StimulusVector v = new StimulusVector(new int[16], 4, 2);
            assertThatThrownBy(() -> sim.run(b, List.of(v), RunOptions.in(dir.resolve(sim.name()))))
                    .isInstanceOf(SimulationException.class)
                    .hasMessageContaining("topk_p4_len16_k4_width8 hung")
                    .hasMessageContaining("within 2 cycles").hasMessageContaining("run.log");
        }
    }

    @Test
    void aWallClockTimeoutKillsTheSimulation(@TempDir Path dir) {
        Design d = RtlGenerators.generate(TOPK);
        SimBuild stuck = new SimBuild("verilator", d, dir, List.of("sleep", "60"), false);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> StreamingRun.run(stuck, List.of(new StimulusVector(new int[16], 4, 100)),
                RunOptions.in(dir.resolve("run")).withTimeout(Duration.ofSeconds(1))))
                .isInstanceOf(SimulationException.class).hasMessageContaining("wall-clock timeout of 1 s")
                .hasMessageContaining("topk_p4_len16_k4_width8");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(20);
    }

    @Test
    void aCrashedTestbenchIsAnErrorNotASilentPass(@TempDir Path dir) {
        Design d = RtlGenerators.generate(TOPK);
        SimBuild crashing = new SimBuild("verilator", d, dir, List.of("sh", "-c", "echo '12 1 2 3 4'; exit 139"), false);
        List<StimulusVector> two = List.of(new StimulusVector(new int[16], 4, 100), new StimulusVector(new int[16], 4, 100));
        assertThatThrownBy(() -> StreamingRun.run(crashing, two, RunOptions.in(dir.resolve("run"))))
                .isInstanceOf(SimulationException.class)
                .hasMessageContaining("testbench of topk_p4_len16_k4_width8 crashed (exit code 139) after 1 of 2 vectors")
                .hasMessageContaining("run.log");
    }

    @Test
    void aCompileErrorNamesTheDesignAndTheBuildLog() {
        ModuleDef top = new ModuleDef("topk_top", List.of(), List.of(Port.in("clk", 1), Port.in("rst", 1),
                Port.in("start", 1), Port.in("in_valid", 1), Port.in("in_data", 8), Port.in("out_addr", 3),
                Port.out("out_data", 4), Port.out("done", 1)), List.of(),
                List.of(new Instance("no_such_module", "u0", List.of(), Map.of("clk", "clk"))), List.of());
        Design broken = Design.of(TOPK, List.of(top), List.of(), new StreamInterface(8, 4, false, 3, 16, 4));
        for (RtlSimulator sim : List.of(new VerilatorSimulator(), new IcarusSimulator())) {
            assertThatThrownBy(() -> sim.build(broken)).isInstanceOf(SimulationException.class)
                    .hasMessageContaining("build of topk_p4_len16_k4_width8 failed; log: ")
                    .satisfies(e -> {
                        Path log = Path.of(e.getMessage().substring(e.getMessage().indexOf("log: ") + 5));
                        assertThat(log).exists();
                        assertThat(Files.readString(log)).contains("no_such_module");
                    });
        }
    }

    @Test
    void buildsAreCachedByTheirInputs() {
        VerilatorSimulator v = new VerilatorSimulator();
        Design d = RtlGenerators.generate(new TopkConfig(2, 8, 3, 6));
        SimBuild first = v.build(d);
        SimBuild second = v.build(d);
        assertThat(second.cached()).isTrue();
        assertThat(second.dir()).isEqualTo(first.dir());
        assertThat(first.dir()).startsWith(Tools.cacheRoot().resolve("verilator"));
        SimBuild other = v.build(RtlGenerators.generate(new TopkConfig(2, 8, 4, 6)));
        assertThat(other.dir()).isNotEqualTo(first.dir());
    }

    @Test
    void aMissingToolSaysHowToInstallIt() {
        assertThatThrownBy(() -> Tools.require("sparcade-no-such-tool", "some-package"))
                .isInstanceOf(ToolMissingException.class)
                .hasMessageContaining("sparcade-no-such-tool not found on PATH: install it with 'apt-get install -y some-package'");
    }
}
