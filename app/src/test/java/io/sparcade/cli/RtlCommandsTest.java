package io.sparcade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The RTL commands end to end through {@link Main#execute}. */
class RtlCommandsTest {
    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void rtlWritesTheTopAndItsLeaves(@TempDir Path dir) {
        Run r = run("rtl", "--block", "dsp-chain", "--param", "groups=2", "--param", "pack=1", "--out", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(dir.resolve("dsp_chain_top.sv")).exists();
        assertThat(dir.resolve("sc_dsp_stage.sv")).exists();
        assertThat(r.out()).contains("wrote 4 files for dsp-chain_groups2_n2_m4_pack1_width8_outputs8");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "rtl --block nm-array --param rows=0 --out X      | sparcade: error: block nm-array: rows: must be in 1..8, got 0",
        "cosim --block tpk --out X                        | sparcade: error: --block: unknown block 'tpk'; expected one of nm-array, topk, dsp-chain",
        "cosim --block topk --vectors 0 --out X           | sparcade: error: --vectors: must be >= 1, got 0",
        "cosim --block topk --simulator vcs --out X       | sparcade: error: --simulator: expected verilator or icarus, got 'vcs'",
        "synth --block dsp-chain --param n=3              | sparcade: error: block dsp-chain: n: must divide groups=4 (segments are whole DSP groups), got 3",
        "synth --arch spatten --unit softmax              | sparcade: error: --unit: 'softmax' is a vector-unit: synth builds the "
                + "engines of N:M array, DSP-chain and top-k units",
        "synth --arch sat-16x16-ws --unit nope            | sparcade: error: --unit: no unit 'nope' in 'sat-16x16-ws' (units: "
                + "array, vec, glb, dram)",
        "synth --arch sat-16x16-ws --param rows=2         | sparcade: error: --param is a block parameter; change an "
                + "architecture with --set",
        "synth --block nm-array --arch sat-16x16-ws       | sparcade: error: --block synthesises one block: --arch, --unit and "
                + "--set are for layer engines",
        "bench cosim --block topk --param k=100           | sparcade: error: block topk: k: must be in 1..64, got 100",
        "cosim --arch flightllm-u280 --workload llama2-7b-decode --op qk --out X | sparcade: error: --op: 'qk' cannot run on "
                + "an RTL engine: the RTL chain engine has no weight-feed limiter (weight_bytes_per_cycle 1536.0); cross-check "
                + "the chains alone with --set units.dsp.weight_bytes_per_cycle=0",
        "cosim --arch spatten --workload bert-base-attention --op token_topk --out X | sparcade: error: --op: 'token_topk' "
                + "cannot run on an RTL engine: fused (on-chip) operands are not in the RTL engines' layer runs",
        "cosim --arch spatten --workload bert-base-attention --op nope --out X | sparcade: error: --op: no operator or pass "
                + "named 'nope' in workload 'bert-base-attention' (nodes: qk, softmax, importance, token_topk, pv)",
    })
    void badInputIsOneLineAndExitTwo(String args, String message, @TempDir Path dir) {
        Run r = run(args.replace("X", dir.resolve("o").toString()).split(" "));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo(message);
    }

    @Test
    void cosimWritesCsvAndAOneLineVerdict(@TempDir Path dir) throws Exception {
        Run r = run("cosim", "--block", "topk", "--param", "p=4", "--param", "len=16", "--param", "k=3", "--vectors", "9",
                "--seed", "4", "--simulator", "icarus", "--out", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).hasSize(1);
        assertThat(r.out()).startsWith("PASS: topk_p4_len16_k3_width12 on icarus, 9 vectors (seed 4)");
        List<String> csv = Files.readAllLines(dir.resolve("cosim.csv"));
        assertThat(csv.get(0)).isEqualTo("vector,mode,model_cycles,rtl_cycles,outputs_equal,cycles_within_tolerance");
        assertThat(csv).hasSize(10);
        assertThat(csv.subList(1, 10)).allSatisfy(l -> assertThat(l).endsWith(",true,true"));
    }

    @Test
    void benchCosimPrintsBothSpeedsAndTheirRatio() {
        Run r = run("bench", "cosim", "--block", "nm-array", "--param", "rows=2", "--param", "cols=2", "--vectors", "200");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).matches("(?s)nm-array_rows2_cols2_n2_m4_width8_depth16, 200 vectors, \\d+ block cycles: "
                + "hw-sim [0-9.e+]+ cycles/s, verilator [0-9.e+]+ cycles/s, hw-sim/verilator = [0-9.e+]+x\\s*"
                + "\\(verilator simulated \\d+ clocks in all, loads included, .*");
    }
}
