package io.sparcade.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparcade.model.SpecException;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.arch.BufferPartitions;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.arch.Dataflow;
import io.sparcade.model.arch.NmArraySpec;
import io.sparcade.model.arch.StallAccounting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SCALE-Sim v3 {@code .cfg} files read as the architecture SCALE-Sim simulates. The base file is SCALE-Sim's
 * shipped configs/scale.cfg (commit fab89b7) with the array made 32 x 16 and the SRAMs 64/48/32 kB.
 */
class ScaleSimConfigTest {
    static final String CFG = """
            [general]
            run_name = demo

            [architecture_presets]
            ArrayHeight:    32
            arraywidth = 16
            IfmapSramSzkB:   64
            FilterSramSzkB:  48
            OfmapSramSzkB:   32
            IfmapOffset:    0
            FilterOffset:   10000000
            OfmapOffset:    20000000
            Bandwidth : 20
            Dataflow : os
            MemoryBanks:   1
            ReadRequestBuffer: 32
            WriteRequestBuffer: 32

            [layout]
            IfmapCustomLayout: False
            IfmapSRAMBankBandwidth: 10
            IfmapSRAMBankNum: 10
            IfmapSRAMBankPort: 2
            FilterCustomLayout: False
            FilterSRAMBankBandwidth: 30
            FilterSRAMBankNum: 10
            FilterSRAMBankPort: 2

            [sparsity]
            SparsitySupport : false
            SparseRep : ellpack_block
            OptimizedMapping : false
            BlockSize : 8
            RandomNumberGeneratorSeed : 40

            [run_presets]
            InterfaceBandwidth: CALC
            UseRamulatorTrace: False
            """;

    @TempDir
    Path dir;

    Path write(String text) throws Exception {
        Path f = dir.resolve("scale.cfg");
        Files.writeString(f, text);
        return f;
    }

    static BufferPartitions partitions(Architecture a) {
        return ((BufferSpec) a.units().get("sram")).partitions();
    }

    @Test
    void calcModeIsASizedMemoryWithSeparateDoubleBufferedSrams() throws Exception {
        Architecture a = ScaleSimConfig.read(write(CFG));
        assertThat(a.name()).isEqualTo("demo");
        NmArraySpec array = (NmArraySpec) a.units().get("array");
        assertThat(array.rows()).isEqualTo(32);
        assertThat(array.cols()).isEqualTo(16);
        assertThat(array.dataflow()).isEqualTo(Dataflow.OS);
        assertThat(array.buffer()).isEqualTo("sram");
        BufferSpec sram = (BufferSpec) a.units().get("sram");
        BufferPartitions p = sram.partitions();
        assertThat(List.of(p.ifmap().capacityKib(), p.filter().capacityKib(), p.ofmap().capacityKib()))
                .containsExactly(64.0, 48.0, 32.0);
        assertThat(sram.capacityBytes()).isEqualTo((64 + 48 + 32) * 1024);
        assertThat(sram.doubleBuffered()).isTrue();
        assertThat(sram.stallAccounting()).isEqualTo(StallAccounting.SCALESIM_V3);
        // CALC: reads never wait; the first fills run at SCALE-Sim's fixed 10 words/cycle, the ofmap drains at
        // ArrayWidth words/cycle (single_layer_sim.py:256-263); 1-byte words at 1 GHz are GB/s
        assertThat(a.dram().sizedBandwidth()).isTrue();
        assertThat(List.of(p.ifmap().portGbPerS(), p.filter().portGbPerS(), p.ofmap().portGbPerS()))
                .containsExactly(10.0, 10.0, 16.0);
        assertThat(a.clockMhz()).isEqualTo(1000);
    }

    @Test
    void userModeFillsFromTheLayoutBankBandwidthAndDrainsAtBandwidth() throws Exception {
        Architecture a = ScaleSimConfig.read(write(CFG.replace("InterfaceBandwidth: CALC", "InterfaceBandwidth: USER")));
        BufferPartitions p = partitions(a);
        // SCALE-Sim v3 single_layer_sim.py:250-254: ifmap/filter fill at [layout] *SRAMBankBandwidth, the ofmap
        // drains at Bandwidth
        assertThat(List.of(p.ifmap().portGbPerS(), p.filter().portGbPerS(), p.ofmap().portGbPerS()))
                .containsExactly(10.0, 30.0, 20.0);
        assertThat(a.dram().sizedBandwidth()).isFalse();
        assertThat(a.dram().effectiveGbPerSec()).isEqualTo(60.0);
        assertThat(a.dram().latencyNs()).isEqualTo(1.0);
    }

    @Test
    void sectionsAndKeysThatDoNotChangeCyclesMayBeLeftOut() throws Exception {
        // SCALE-Sim v2's configs have no [layout] or [sparsity]; CALC needs neither
        Architecture a = ScaleSimConfig.read(write("""
                [architecture_presets]
                ArrayHeight: 8
                ArrayWidth: 8
                IfmapSramSzkB: 1
                FilterSramSzkB: 1
                OfmapSramSzkB: 1
                Dataflow: ws
                [run_presets]
                InterfaceBandwidth: CALC
                """));
        assertThat(a.name()).isEqualTo("scale");
        assertThat(partitions(a).ofmap().portGbPerS()).isEqualTo(8.0);
    }

    @Test
    void missingKeysAndSectionsAreNamed() throws Exception {
        Path f = write(CFG.replace("ArrayHeight:    32\n", ""));
        assertThatThrownBy(() -> ScaleSimConfig.read(f)).isInstanceOf(SpecException.class)
                .hasMessage(f + ": [architecture_presets] ArrayHeight: missing (rows of the array)");
        Path g = write(CFG.substring(0, CFG.indexOf("[run_presets]")));
        assertThatThrownBy(() -> ScaleSimConfig.read(g))
                .hasMessage(g + ": [run_presets]: missing section (USER or CALC)");
        Path h = write(CFG.replace("InterfaceBandwidth: CALC", "InterfaceBandwidth: USER")
                .replace("FilterSRAMBankBandwidth: 30\n", ""));
        assertThatThrownBy(() -> ScaleSimConfig.read(h)).hasMessage(h + ": [layout] FilterSRAMBankBandwidth: missing "
                + "(USER mode: SCALE-Sim v3 fills the filter SRAM from DRAM at this many words per cycle (Bandwidth "
                + "paces only the ofmap))");
        Path i = write(CFG.replace("InterfaceBandwidth: CALC", "InterfaceBandwidth: USER").replace("Bandwidth : 20\n", ""));
        assertThatThrownBy(() -> ScaleSimConfig.read(i)).hasMessageStartingWith(i + ": [architecture_presets] Bandwidth: missing");
    }

    @Test
    void badDataflowIsRefusedNotRunAsOs() throws Exception {
        Path f = write(CFG.replace("Dataflow : os", "Dataflow : WS"));
        assertThatThrownBy(() -> ScaleSimConfig.read(f)).hasMessage(f + ":14: [architecture_presets] Dataflow: invalid "
                + "value 'WS' (allowed: os, ws, is; SCALE-Sim v3 would warn and run any other value as os)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ArrayHeight:    32 | ArrayHeight: 0     | 5  | [architecture_presets] ArrayHeight   | expected a positive integer, got '0'",
        "ArrayHeight:    32 | ArrayHeight: 2.5   | 5  | [architecture_presets] ArrayHeight   | expected a positive integer, got '2.5'",
        "arraywidth = 16    | arraywidth = wide  | 6  | [architecture_presets] ArrayWidth    | expected a positive integer, got 'wide'",
        "OfmapSramSzkB:   32 | OfmapSramSzkB: 32kB | 9 | [architecture_presets] OfmapSramSzkB | expected a positive integer, got '32kB'",
        "IfmapOffset:    0  | IfmapOffset: zero  | 10 | [architecture_presets] IfmapOffset   | expected an integer, got 'zero'",
        "InterfaceBandwidth: CALC | InterfaceBandwidth: calc | 37 | [run_presets] InterfaceBandwidth | expected USER or CALC, got 'calc'"})
    void badValuesNameFileLineSectionAndKey(String from, String to, int line, String key, String problem) throws Exception {
        Path f = write(CFG.replace(from, to));
        assertThatThrownBy(() -> ScaleSimConfig.read(f)).hasMessage(f + ":" + line + ": " + key + ": " + problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "UseRamulatorTrace: False | UseRamulatorTrace: True | 38 | [run_presets] UseRamulatorTrace | True is not modelled",
        "UseRamulatorTrace: False | UseRamulatorTrace: yes | 38 | [run_presets] UseRamulatorTrace | expected True or False, got 'yes'",
        "IfmapCustomLayout: False | IfmapCustomLayout: True | 20 | [layout] IfmapCustomLayout | custom SRAM layouts",
        "SparsitySupport : false | SparsitySupport : TRUE | 30 | [sparsity] SparsitySupport | SCALE-Sim's N:M filter compression is not modelled"})
    void keysThatChangeCyclesButAreNotModelledAreRefused(String from, String to, int line, String key, String problem)
            throws Exception {
        Path f = write(CFG.replace(from, to));
        assertThatThrownBy(() -> ScaleSimConfig.read(f)).hasMessageStartingWith(f + ":" + line + ": " + key + ": " + problem);
    }

    @Test
    void userModeChecksWhatScaleSimAsserts() throws Exception {
        String user = CFG.replace("InterfaceBandwidth: CALC", "InterfaceBandwidth: USER");
        Path f = write(user.replace("IfmapSRAMBankBandwidth: 10", "IfmapSRAMBankBandwidth: 4"));
        assertThatThrownBy(() -> ScaleSimConfig.read(f)).hasMessage(f + ":21: [layout] IfmapSRAMBankBandwidth: 4 is not "
                + "a multiple of IfmapSRAMBankNum 10 (SCALE-Sim v3 asserts it in USER mode, read_buffer.py:94-96)");
        Path g = write(user.replace("Bandwidth : 20", "Bandwidth : 20, 40"));
        assertThatThrownBy(() -> ScaleSimConfig.read(g)).hasMessage(g + ":13: [architecture_presets] Bandwidth: one "
                + "number expected, got '20, 40' (SCALE-Sim v3 uses only the first)");
    }

    @Test
    void unknownSectionsAndKeysAreRefused() throws Exception {
        Path f = write(CFG.replace("MemoryBanks:   1", "MemoryBank:   1"));
        assertThatThrownBy(() -> ScaleSimConfig.read(f)).hasMessageStartingWith(f + ":15: [architecture_presets] "
                + "MemoryBank: unknown key (SCALE-Sim v3 reads arrayheight, arraywidth, bandwidth,");
        Path g = write(CFG.replace("[layout]", "[Layout]"));
        assertThatThrownBy(() -> ScaleSimConfig.read(g))
                .hasMessage(g + ":19: [Layout]: section names are case-sensitive in SCALE-Sim: write [layout]");
        Path h = write(CFG + "[accelergy]\nx = 1\n");
        assertThatThrownBy(() -> ScaleSimConfig.read(h)).hasMessageStartingWith(h + ":39: [accelergy]: unknown section");
        Path i = write(CFG.replace("Dataflow : os", "Dataflow : os\nDataflow : ws"));
        assertThatThrownBy(() -> ScaleSimConfig.read(i))
                .hasMessage(i + ":15: [architecture_presets] Dataflow: given twice (first on line 14)");
    }

    @Test
    void malformedLinesNameTheLine() throws Exception {
        Path f = write(CFG.replace("[architecture_presets]", "[architecture_presets"));
        assertThatThrownBy(() -> ScaleSimConfig.read(f)).hasMessageStartingWith(f + ":4: malformed section header");
        Path g = write(CFG.replace("IfmapOffset:    0", "IfmapOffset"));
        assertThatThrownBy(() -> ScaleSimConfig.read(g)).hasMessage(g + ":10: expected 'key: value', got 'IfmapOffset'");
    }

    @Test
    void configLoadsThroughSpecsAndTakesOverrides() throws Exception {
        Path f = write(CFG);
        Architecture a = Specs.architecture(Specs.SCALESIM_CFG + f, List.of(Override.parse("units.array.rows=8"),
                Override.parse("units.sram.partitions.filter.capacity_kib=256")));
        assertThat(((NmArraySpec) a.units().get("array")).rows()).isEqualTo(8);
        assertThat(partitions(a).filter().capacityKib()).isEqualTo(256.0);
        assertThat(((BufferSpec) a.units().get("sram")).capacityBytes()).isEqualTo((64 + 256 + 32) * 1024);
        assertThatThrownBy(() -> Specs.architecture(Specs.SCALESIM_CFG + f, List.of(Override.parse("units.array.rows=-4"))))
                .hasMessage(f + ": units.array.rows: must be > 0, got -4");
    }
}
