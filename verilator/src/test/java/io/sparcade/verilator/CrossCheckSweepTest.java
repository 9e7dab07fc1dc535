package io.sparcade.verilator;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparcade.model.block.BlockConfig;
import io.sparcade.model.block.BlockConfigs;
import io.sparcade.model.block.BlockKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cross-check sweep: every listed configuration of every block, on both simulators, seeded vectors through
 * the hw-sim block model and the RTL. Outputs must be bit-exact and cycles within {@link Tolerances} (0).
 * The N:M array and DSP chain alternate dense and N:M vectors (ratios 1:4, 2:4, 1:8, 2:8, 4:8, 4:16, 3:4);
 * top-k covers k = 1, k = len, heavy ties (4 distinct values) and a lane count that does not divide len.
 * The tools are installed by {@code ./sparcade test}; a missing tool fails these tests, it does not skip them.
 */
class CrossCheckSweepTest {
    static final int VECTORS = 24;

    static final List<String[]> CONFIGS = List.of(
            new String[] {"nm-array", "rows=2", "cols=2", "n=2", "m=4", "width=8", "depth=16"},
            new String[] {"nm-array", "rows=3", "cols=2", "n=1", "m=4", "width=6", "depth=8"},
            new String[] {"nm-array", "rows=4", "cols=4", "n=2", "m=8", "width=8", "depth=16"},
            new String[] {"nm-array", "rows=1", "cols=3", "n=4", "m=8", "width=16", "depth=16"},
            new String[] {"topk", "p=4", "len=16", "k=4", "width=12"},
            new String[] {"topk", "p=8", "len=64", "k=1", "width=8"},
            new String[] {"topk", "p=16", "len=64", "k=64", "width=12"},
            new String[] {"topk", "p=3", "len=20", "k=7", "width=3"},
            new String[] {"dsp-chain", "groups=2", "n=2", "m=4", "width=8", "outputs=8"},
            new String[] {"dsp-chain", "groups=4", "n=1", "m=8", "pack=1", "width=8", "outputs=7"},
            new String[] {"dsp-chain", "groups=4", "n=4", "m=16", "pack=1", "width=8", "outputs=8"},
            new String[] {"dsp-chain", "groups=3", "n=3", "m=4", "width=12", "outputs=5"});

    static Stream<Arguments> sweep() {
        List<Arguments> a = new ArrayList<>();
        for (String sim : List.of("verilator", "icarus")) {
            for (String[] c : CONFIGS) {
                BlockConfig config = BlockConfigs.parse(BlockKind.of(c[0]), List.of(c).subList(1, c.length));
                a.add(Arguments.of(sim, config));
            }
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("sweep")
    void rtlMatchesTheBlockModel(String simulator, BlockConfig config, @TempDir Path dir) {
        long seed = config.label().hashCode() * 31L + simulator.hashCode();
        CrossCheck.Report r = CrossCheck.run(RtlSimulator.named(simulator), config, VECTORS, seed, dir);
        List<String> bad = r.vectors().stream().filter(v -> !v.matches())
                .map(v -> "vector " + v.index() + " (" + v.mode() + "): model " + v.modelCycles() + " cycles "
                        + java.util.Arrays.toString(v.modelOutputs()) + ", rtl " + v.rtlCycles() + " cycles "
                        + java.util.Arrays.toString(v.rtlOutputs()))
                .toList();
        assertThat(bad).as(r.verdict()).isEmpty();
        assertThat(r.passed()).isTrue();
        assertThat(r.vectors()).hasSize(VECTORS).allSatisfy(v -> {
            assertThat(v.rtlCycles()).isEqualTo(v.modelCycles());
            assertThat(v.rtlOutputs()).containsExactly(v.modelOutputs());
        });
        if (config.kind() != BlockKind.TOPK) {
            assertThat(r.vectors().stream().map(CrossCheck.Vector::mode).distinct()).hasSize(2).contains("dense");
        }
        assertThat(r.waveforms()).isEmpty();
        assertThat(Files.exists(r.writeCsv(dir))).isTrue();
    }
}
