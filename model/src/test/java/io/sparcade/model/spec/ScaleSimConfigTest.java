package io.sparcade.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparcade.model.SpecException;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.arch.Dataflow;
import io.sparcade.model.arch.NmArraySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SCALE-Sim {@code .cfg} files read as architectures. */
class ScaleSimConfigTest {
    static final String CFG = """
            [general]
            run_name = demo

            [architecture_presets]
            ArrayHeight:    32
            arraywidth = 16
            IfmapSramSzkB:    64
            FilterSramSzkB:   64
            OfmapSramSzkB:    32
            IfmapOffset:    0
            Dataflow : os
            Bandwidth : 20
            """;

    @TempDir
    Path dir;

    Path write(String text) throws Exception {
        Path f = dir.resolve("scale.cfg");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void colonAndEqualsSeparatorsAndCaseInsensitiveKeysAreRead() throws Exception {
        Architecture a = ScaleSimConfig.read(write(CFG));
        assertThat(a.name()).isEqualTo("demo");
        NmArraySpec array = (NmArraySpec) a.units().get("array");
        assertThat(array.rows()).isEqualTo(32);
        assertThat(array.cols()).isEqualTo(16);
        assertThat(array.dataflow()).isEqualTo(Dataflow.OS);
        assertThat(array.buffer()).isEqualTo("glb");
        assertThat(((BufferSpec) a.units().get("glb")).capacityKib()).isEqualTo(64 + 64 + 32);
        assertThat(a.dram().effectiveBytesPerCycle(a.clockMhz())).isCloseTo(20.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void missingBandwidthAndRunNameTakeDefaults() throws Exception {
        Architecture a = ScaleSimConfig.read(write(CFG.replace("Bandwidth : 20\n", "").replace("run_name = demo\n", "")));
        assertThat(a.name()).isEqualTo("scale");
        assertThat(a.dram().effectiveBytesPerCycle(a.clockMhz())).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void missingArrayHeightIsNamed() throws Exception {
        Path f = write(CFG.replace("ArrayHeight:    32\n", ""));
        assertThatThrownBy(() -> ScaleSimConfig.read(f))
                .isInstanceOf(SpecException.class)
                .hasMessage(f + ": ArrayHeight: missing");
    }

    @Test
    void badDataflowListsTheAllowedOnes() throws Exception {
        Path f = write(CFG.replace("Dataflow : os", "Dataflow : xs"));
        assertThatThrownBy(() -> ScaleSimConfig.read(f))
                .hasMessage(f + ":11: Dataflow: invalid value 'xs' (allowed: os, ws, is)");
        Path g = write(CFG.replace("Dataflow : os\n", ""));
        assertThatThrownBy(() -> ScaleSimConfig.read(g)).hasMessage(g + ": Dataflow: missing (os, ws or is)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ArrayHeight:    32 | ArrayHeight: 0    | 5  | ArrayHeight   | expected a positive number, got '0'",
        "ArrayHeight:    32 | ArrayHeight: 2.5  | 5  | ArrayHeight   | expected a positive integer, got '2.5'",
        "arraywidth = 16    | arraywidth = wide | 6  | ArrayWidth    | expected a positive number, got 'wide'",
        "OfmapSramSzkB:    32 | OfmapSramSzkB: -1 | 9 | OfmapSramSzkB | expected a positive number, got '-1'",
        "Bandwidth : 20     | Bandwidth : none  | 12 | Bandwidth     | expected a positive number, got 'none'"})
    void badNumbersNameFileLineAndKey(String from, String to, int line, String key, String problem) throws Exception {
        Path f = write(CFG.replace(from, to));
        assertThatThrownBy(() -> ScaleSimConfig.read(f)).hasMessage(f + ":" + line + ": " + key + ": " + problem);
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
        Architecture a = Specs.architecture(Specs.SCALESIM_CFG + f, List.of(Override.parse("units.array.rows=8")));
        assertThat(((NmArraySpec) a.units().get("array")).rows()).isEqualTo(8);
        assertThatThrownBy(() -> Specs.architecture(Specs.SCALESIM_CFG + f, List.of(Override.parse("units.array.rows=-4"))))
                .hasMessage(f + ": units.array.rows: must be > 0, got -4");
    }
}
