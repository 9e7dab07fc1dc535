package io.sparcade.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench scalesim} without SCALE-Sim: a missing checkout is bad input; with a stand-in checkout whose
 * {@code scalesim.scale_sim} writes the COMPUTE_REPORT line SCALE-Sim v3 printed for its own GEMM test (test_mnk_input,
 * 32x32 OS, 64 kB SRAMs, USER bandwidth 10: 59000 incl. prefetch, 52447 total, 42272 stall), the bench reads it and
 * puts Sparcade's numbers beside it.
 */
class BenchScaleSimTest {
    @TempDir
    Path tmp;

    private static final String CFG = String.join("\n", "[general]", "run_name = u_os", "[architecture_presets]",
            "ArrayHeight: 32", "ArrayWidth: 32", "IfmapSramSzkB: 64", "FilterSramSzkB: 64", "OfmapSramSzkB: 64",
            "IfmapOffset: 0", "FilterOffset: 10000000", "OfmapOffset: 20000000", "Bandwidth : 10", "Dataflow : os",
            "MemoryBanks: 1", "ReadRequestBuffer: 32", "WriteRequestBuffer: 32", "[layout]", "IfmapCustomLayout: False",
            "IfmapSRAMBankBandwidth: 10", "IfmapSRAMBankNum: 10", "IfmapSRAMBankPort: 2", "FilterCustomLayout: False",
            "FilterSRAMBankBandwidth: 10", "FilterSRAMBankNum: 10", "FilterSRAMBankPort: 2", "[sparsity]",
            "SparsitySupport : false", "[run_presets]", "InterfaceBandwidth: USER", "UseRamulatorTrace: False", "");

    @Test
    void missingCheckoutIsBadInput() throws IOException {
        Path cfg = Files.writeString(tmp.resolve("run.cfg"), CFG);
        Path topo = Files.writeString(tmp.resolve("t.csv"), "Layer Name, M, N, K,\nTest 1, 256, 128, 256,\n");
        CliRunner r = CliRunner.run("bench", "scalesim", "--scalesim-dir", tmp.resolve("nothing").toString(),
                "--arch", "scalesim-cfg:" + cfg, "--workload", "scalesim-topology:" + topo);
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines().toList()).hasSize(1).first().asString()
                .startsWith("sparcade: error: ").contains("--scalesim-dir", "scalesim/scale_sim.py");
    }

    @Test
    void printsBothToolsSideBySide() throws Exception {
        assumeTrue(python3(), "python3 not on PATH");
        Path checkout = tmp.resolve("checkout");
        Files.createDirectories(checkout.resolve("scalesim"));
        Files.writeString(checkout.resolve("scalesim/__init__.py"), "");
        Files.writeString(checkout.resolve("scalesim/scale_sim.py"), String.join("\n",
                "import os", "class scalesim:", "    def __init__(self, **kw):", "        self.kw = kw",
                "    def run_scale(self, top_path):", "        d = os.path.join(top_path, 'u_os')", "        os.makedirs(d)",
                "        with open(os.path.join(d, 'COMPUTE_REPORT.csv'), 'w') as f:",
                "            f.write('LayerID, Total Cycles (incl. prefetch), Total Cycles, Stall Cycles, Overall Util %, "
                        + "Mapping Efficiency %, Compute Util %,\\n')",
                "            f.write('0, 59000, 52447, 42272, 15.619577859553454, 100.0, 80.50314465408805,\\n')", ""));
        Path cfg = Files.writeString(tmp.resolve("run.cfg"), CFG);
        Path topo = Files.writeString(tmp.resolve("t.csv"), "Layer Name, M, N, K,\nTest 1, 256, 128, 256,\n");
        CliRunner r = CliRunner.run("bench", "scalesim", "--scalesim-dir", checkout.toString(), "--repeats", "1",
                "--arch", "scalesim-cfg:" + cfg, "--workload", "scalesim-topology:" + topo);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("Test_1 +59000 +59000 +52447 +52447 +\\+0\\.00% +42272 +42272")
                .contains("1 of 1 layers identical").contains("speed ratio SCALE-Sim/Sparcade");
    }

    private static boolean python3() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "pass").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
