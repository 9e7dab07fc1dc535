package io.sparcade.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparcade.model.SpecException;
import io.sparcade.model.workload.Conv2d;
import io.sparcade.model.workload.Gemm;
import io.sparcade.model.workload.Shape;
import io.sparcade.model.workload.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SCALE-Sim topology CSVs, conv and GEMM form, read as workloads. */
class ScaleSimTopologyTest {
    static final String CONV_HEADER =
            "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\n";

    @TempDir
    Path dir;

    Path write(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void gemmRowBecomesAGemmWithMKN() throws Exception {
        Path f = write("bert.csv", "Layer Name, M, N, K,\nTest 1, 256, 128, 256,\n");
        Workload w = ScaleSimTopology.read(f);
        assertThat(w.name()).isEqualTo("bert");
        assertThat(w.operators()).containsExactly(new Gemm("Test_1", List.of("Test_1.in"), 256, 256, 128, 8, 8));
        assertThat(w.inputs()).containsExactly(Map.entry("Test_1.in", Shape.of(256, 256)));
    }

    @Test
    void gemmFormReadsMNKInTheirColumns() throws Exception {
        Path f = write("g.csv", "Layer Name, M, N, K,\nA, 2, 3, 5,\n\nB, 7, 11, 13, extra\n");
        Workload w = ScaleSimTopology.read(f);
        Gemm a = (Gemm) w.operators().get(0);
        Gemm b = (Gemm) w.operators().get(1);
        assertThat(List.of(a.m(), a.k(), a.n())).containsExactly(2L, 5L, 3L);
        assertThat(List.of(b.m(), b.k(), b.n())).containsExactly(7L, 13L, 11L);
    }

    @Test
    void convRowBecomesAConvWithScaleSimOutputSize() throws Exception {
        Path f = write("alexnet.csv", CONV_HEADER + "Conv1, 224, 224, 11, 11, 3, 96, 4,\n\nConv2, 55, 55, 5, 5, 96, 256, 1,\n");
        Workload w = ScaleSimTopology.read(f);
        Conv2d c1 = (Conv2d) w.operators().get(0);
        assertThat(c1.name()).isEqualTo("Conv1");
        assertThat(List.of(c1.inC(), c1.inH(), c1.inW(), c1.outC(), c1.kernelH(), c1.kernelW(), c1.stride()))
                .containsExactly(3L, 224L, 224L, 96L, 11L, 11L, 4L);
        // SCALE-Sim (topology_utils.py): ofmap = ceil((ifmap - filter + stride) / stride) = ceil(217 / 4) = 55
        assertThat(c1.outH()).isEqualTo(55);
        assertThat(c1.outW()).isEqualTo(55);
        assertThat(c1.dims()).containsEntry("m", 55L * 55).containsEntry("k", 3L * 11 * 11).containsEntry("n", 96L);
        assertThat(w.inputs()).containsEntry("Conv1.in", Shape.of(1, 3, 224, 224));
        Conv2d c2 = (Conv2d) w.operators().get(1);
        assertThat(c2.outH()).isEqualTo(51);
        assertThat(c2.outW()).isEqualTo(51);
    }

    /** SCALE-Sim's output size over random layers, square or not, every stride. */
    @ParameterizedTest
    @ValueSource(longs = {1, 7, 2026})
    void convOutputMatchesScaleSimFormula(long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder csv = new StringBuilder(CONV_HEADER);
        int rows = 50;
        long[][] want = new long[rows][2];
        for (int i = 0; i < rows; i++) {
            int fh = r.nextInt(1, 12);
            int fw = r.nextInt(1, 12);
            int h = r.nextInt(fh, 80);
            int w = r.nextInt(fw, 80);
            int s = r.nextInt(1, 6);
            csv.append("L").append(i).append(", ").append(h).append(", ").append(w).append(", ").append(fh).append(", ")
                    .append(fw).append(", 3, 8, ").append(s).append(",\n");
            want[i][0] = ceilDiv(h - fh + s, s);
            want[i][1] = ceilDiv(w - fw + s, s);
        }
        Workload wl = ScaleSimTopology.read(write("rand.csv", csv.toString()));
        for (int i = 0; i < rows; i++) {
            Conv2d c = (Conv2d) wl.operators().get(i);
            assertThat(new long[] {c.outH(), c.outW()}).as(c.toString()).containsExactly(want[i]);
        }
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    @Test
    void duplicateAndEmptyLayerNamesAreMadeUnique() throws Exception {
        Path f = write("d.csv", "Layer Name, M, N, K,\nfc, 2, 2, 2,\nFC, 2, 2, 2,\n, 4, 4, 4,\n");
        assertThat(ScaleSimTopology.read(f).operators()).extracting(o -> o.name()).containsExactly("fc", "FC_2", "layer2");
    }

    @Test
    void nonNumericFieldNamesFileLineAndColumn() throws Exception {
        Path f = write("b.csv", "Layer Name, M, N, K,\nA, 2, 2, 2,\nTest 1, 256, x12, 256,\n");
        assertThatThrownBy(() -> ScaleSimTopology.read(f))
                .isInstanceOf(SpecException.class)
                .hasMessage(f + ":3: N: expected a positive integer, got 'x12'");
        Path c = write("c.csv", CONV_HEADER + "Conv1, 224, 224, 11, 11, 3, 96, four,\n");
        assertThatThrownBy(() -> ScaleSimTopology.read(c))
                .hasMessage(c + ":2: Strides: expected a positive integer, got 'four'");
        Path z = write("z.csv", CONV_HEADER + "Conv1, 224, 0, 11, 11, 3, 96, 4,\n");
        assertThatThrownBy(() -> ScaleSimTopology.read(z))
                .hasMessage(z + ":2: IFMAP Width: expected a positive integer, got '0'");
    }

    @Test
    void shortRowsHeadersAndEmptyFilesFail() throws Exception {
        Path s = write("s.csv", "Layer Name, M, N, K,\nA, 2, 2,\n");
        assertThatThrownBy(() -> ScaleSimTopology.read(s)).hasMessage(s + ":2: expected 4 fields, got 3");
        Path h = write("h.csv", "Layer, a, b,\n");
        assertThatThrownBy(() -> ScaleSimTopology.read(h)).hasMessageStartingWith(h + ":1: header has 3 columns");
        Path e = write("e.csv", "\n\n");
        assertThatThrownBy(() -> ScaleSimTopology.read(e)).hasMessage(e + ": empty topology file");
        Path n = write("n.csv", "Layer Name, M, N, K,\n\n");
        assertThatThrownBy(() -> ScaleSimTopology.read(n)).hasMessage(n + ": no layers after the header");
    }

    @Test
    void kernelLargerThanTheInputNamesTheLayer() throws Exception {
        Path f = write("k.csv", CONV_HEADER + "Conv1, 4, 4, 5, 5, 3, 8, 1,\n");
        assertThatThrownBy(() -> ScaleSimTopology.read(f))
                .hasMessageStartingWith(f + ":2: layer Conv1.kernel_h: kernel 5x5 is larger than");
    }

    @Test
    void topologyLoadsThroughSpecsAndTakesOverrides() throws Exception {
        Path f = write("g.csv", "Layer Name, M, N, K,\nA, 2, 3, 5,\n");
        Workload w = Specs.workload(Specs.SCALESIM_TOPOLOGY + f, Map.of(), List.of(Override.parse("operators.0.n=64")));
        assertThat(((Gemm) w.operators().get(0)).n()).isEqualTo(64);
        assertThatThrownBy(() -> Specs.workload(Specs.SCALESIM_TOPOLOGY + f, Map.of(), List.of(Override.parse("operators.0.n=0"))))
                .hasMessage(f + ": operators[0].n: must be > 0, got 0");
        assertThatThrownBy(() -> Specs.workload(Specs.SCALESIM_TOPOLOGY + f, Map.of("batch", "2"), List.of()))
                .hasMessageContaining("only workload presets take parameters");
    }
}
