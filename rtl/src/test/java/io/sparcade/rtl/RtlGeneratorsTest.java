package io.sparcade.rtl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparcade.model.SpecException;
import io.sparcade.model.block.BlockConfig;
import io.sparcade.model.block.BlockConfigs;
import io.sparcade.model.block.BlockKind;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The generated Verilog: structure, and lint cleanliness under the three tools the issue names. The tools are
 * installed by {@code ./sparcade test}; these tests fail (they are not skipped) when one is missing.
 */
class RtlGeneratorsTest {
    @Test
    void printsPortsNetsAndNamedConnections() {
        ModuleDef m = new ModuleDef("t", List.of(new Param("X", 3)), List.of(Port.in("a", 4), Port.out("y", 1)),
                List.of(new Net("w", 2)), List.of(new Instance("leaf", "u0", List.of(new Param("W", 4)),
                Map.of("i", "a", "o", "y"))), List.of(new Assign("w", "a[1:0]")));
        String v = VerilogPrinter.print(m);
        assertThat(v).contains("module t #(\n    parameter int X = 3\n) (\n    input logic [3:0] a,\n    output logic y\n);")
                .contains("  logic [1:0] w;").contains("  assign w = a[1:0];").contains("leaf #(.W(4)) u0 (")
                .endsWith("endmodule\n");
    }

    @Test
    void rejectsDuplicateNames() {
        assertThatThrownBy(() -> new ModuleDef("t", List.of(), List.of(Port.in("a", 1)), List.of(new Net("a", 1)),
                List.of(), List.of())).isInstanceOf(SpecException.class).hasMessageContaining("a: declared twice");
    }

    @Test
    void nmArrayTopIsAGridOfPesWithSkewDelays() {
        Design d = RtlGenerators.generate(BlockConfigs.parse(BlockKind.NM_ARRAY, List.of("rows=3", "cols=2")));
        ModuleDef top = d.modules().get(d.modules().size() - 1);
        assertThat(top.instances().stream().filter(i -> i.module().equals("sc_pe_os")).count()).isEqualTo(6);
        // Row i is delayed i cycles, column j j cycles: delays for rows 1, 2 and column 1.
        assertThat(top.instances().stream().filter(i -> i.module().equals("sc_delay")).map(Instance::name))
                .containsExactly("u_rskew_1", "u_rskew_2", "u_cskew_1");
        assertThat(d.files().keySet()).containsExactly("sc_delay.sv", "sc_nm_mac.sv", "sc_pe_os.sv", "sc_nm_ctrl.sv",
                "nm_array_top.sv");
        assertThat(d.io().inWords()).isEqualTo(1 + 3 * 16 + 2 * 16);
    }

    @Test
    void dspChainCascadesEveryStageIntoTheNext() {
        Design d = RtlGenerators.generate(BlockConfigs.parse(BlockKind.DSP_CHAIN, List.of("groups=3", "n=3")));
        ModuleDef top = d.modules().get(0);
        List<Instance> stages = top.instances().stream().filter(i -> i.module().equals("sc_dsp_stage")).toList();
        assertThat(stages).hasSize(6);
        assertThat(stages.get(0).connections().get("pcin")).isEqualTo("48'd0");
        assertThat(stages.get(3).connections().get("pcin")).isEqualTo("pouts[96 +: 48]");
        // Sparse segments of 2 stages end at stages 1, 3 and 5.
        assertThat(top.instances().get(0).connections().get("seg_outs"))
                .isEqualTo("{pouts[240 +: 48], pouts[144 +: 48], pouts[48 +: 48]}");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "nm-array  | rows=1,cols=1,n=1,m=2,depth=2",
        "nm-array  | rows=2,cols=3,n=2,m=4,width=8,depth=16",
        "nm-array  | rows=4,cols=4,n=4,m=8,width=16,depth=16",
        "topk      | p=1,len=2,k=2,width=2",
        "topk      | p=4,len=16,k=4,width=12",
        "topk      | p=16,len=64,k=64,width=16",
        "dsp-chain | groups=1,n=1,m=2,outputs=1",
        "dsp-chain | groups=4,n=2,m=4,pack=1,outputs=7",
        "dsp-chain | groups=3,n=3,m=16,width=16,outputs=5",
    })
    void lintCleanUnderVerilatorIcarusAndYosys(String block, String params, @TempDir Path dir) throws Exception {
        BlockConfig c = BlockConfigs.parse(BlockKind.of(block), List.of(params.split(",")));
        Design d = RtlGenerators.generate(c);
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> f : d.files().entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue());
            files.add(f.getKey());
        }
        List<String> verilator = new ArrayList<>(List.of("verilator", "--lint-only", "-Wall", "--top-module", d.top()));
        verilator.addAll(files);
        assertClean(dir, verilator);
        List<String> iverilog = new ArrayList<>(List.of("iverilog", "-g2012", "-o", "/dev/null", "-s", d.top()));
        iverilog.addAll(files);
        assertClean(dir, iverilog);
        assertClean(dir, List.of("yosys", "-q", "-p", "read_verilog -sv " + String.join(" ", files) + "; hierarchy -check -top " + d.top()));
    }

    private static void assertClean(Path dir, List<String> cmd) throws IOException, InterruptedException {
        assertThat(onPath(cmd.get(0))).as(cmd.get(0) + " is not installed: run ./sparcade test (it runs apt-get install -y "
                + "verilator iverilog yosys ccache)").isTrue();
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as(String.join(" ", cmd)).isEmpty();
        assertThat(p.exitValue()).as(String.join(" ", cmd)).isZero();
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv("PATH").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
