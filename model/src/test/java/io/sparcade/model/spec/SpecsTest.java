package io.sparcade.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparcade.model.SpecException;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.arch.NmArraySpec;
import io.sparcade.model.presets.Presets;
import io.sparcade.model.presets.WorkloadPreset;
import io.sparcade.model.workload.Gemm;
import io.sparcade.model.workload.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Loading specs from presets, files and {@code --set} overrides, and the messages bad input gives. */
class SpecsTest {
    /** A small valid architecture; tests break one thing in it at a time. */
    static final String ARCH = """
            name: tiny
            clock_mhz: 100
            units:
              array:
                type: nm-array
                rows: 4
                cols: 4
                buffer: glb
              glb:
                type: buffer
                capacity_kib: 1
                bytes_per_cycle: 4
              dram:
                type: dram
                channels: 1
                technology: lpddr4
            """;

    static Stream<String> architecturePresets() {
        return Presets.architectures().stream();
    }

    static Stream<String> workloadPresets() {
        return Presets.workloads().stream().map(WorkloadPreset::name);
    }

    @ParameterizedTest
    @MethodSource("architecturePresets")
    void everyArchitecturePresetLoads(String name) {
        Architecture a = Specs.architecture(name, List.of());
        assertThat(a.name()).isEqualTo(name);
        assertThat(a.unitsOf(io.sparcade.model.arch.ComputeUnitSpec.class)).isNotEmpty();
        assertThat(a.dram().effectiveBytesPerCycle(a.clockMhz())).isPositive();
    }

    @ParameterizedTest
    @MethodSource("workloadPresets")
    void everyWorkloadPresetLoadsWithItsDefaults(String name) {
        Workload w = Specs.workload(name, Map.of(), List.of());
        assertThat(w.name()).isEqualTo(name);
        assertThat(w.operators()).isNotEmpty();
        WorkloadPreset p = Presets.workload(name);
        p.parameters().forEach(param -> assertThat(w.parameters()).containsEntry(param.name(), param.defaultValue()));
    }

    @ParameterizedTest
    @MethodSource("architecturePresets")
    void architecturePresetSurvivesAYamlRoundTrip(String name) {
        Architecture a = Specs.architecture(name, List.of());
        assertThat(Yaml.bind("round trip", Yaml.toTree(a), Architecture.class)).isEqualTo(a);
        assertThat(Specs.fromYaml("written", Yaml.write(a), Architecture.class)).isEqualTo(a);
    }

    @ParameterizedTest
    @MethodSource("workloadPresets")
    void workloadPresetSurvivesAYamlRoundTrip(String name) {
        Workload w = Specs.workload(name, Map.of(), List.of());
        assertThat(Yaml.bind("round trip", Yaml.toTree(w), Workload.class)).isEqualTo(w);
        assertThat(Specs.fromYaml("written", Yaml.write(w), Workload.class)).isEqualTo(w);
    }

    @Test
    void setOverrideChangesAPresetValue() {
        Architecture a = Specs.architecture("sat-vcu1525", List.of(Override.parse("units.array.rows=16")));
        assertThat(((NmArraySpec) a.units().get("array")).rows()).isEqualTo(16);
        var routed = Specs.RoutedOverrides.route(List.of(Override.parse("arch.units.array.cols = 8")));
        Architecture b = Specs.architecture("sat-vcu1525", routed.arch());
        assertThat(((NmArraySpec) b.units().get("array")).cols()).isEqualTo(8);
    }

    @Test
    void setOverrideIsValidatedLikeAFileValue() {
        assertThatThrownBy(() -> Specs.architecture("sat-vcu1525", List.of(Override.parse("units.array.rows=-4"))))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("preset sat-vcu1525")
                .hasMessageContaining("units.array.rows")
                .hasMessageContaining("must be > 0, got -4");
    }

    @Test
    void routedWorkloadOverrideChangesAndValidatesAnOperator() {
        var ok = Specs.RoutedOverrides.route(Override.parseAll(List.of("workload.operators.0.m=64", "units.array.rows=8",
                "mapping.operators.fc1.unit=array")));
        assertThat(ok.arch()).extracting(Override::path).containsExactly("units.array.rows");
        assertThat(ok.workload()).extracting(Override::path).containsExactly("operators.0.m");
        assertThat(ok.mapping()).extracting(Override::path).containsExactly("operators.fc1.unit");
        Workload w = Specs.workload("mlp-train-nm", Map.of(), ok.workload());
        assertThat(((Gemm) w.operators().get(0)).m()).isEqualTo(64);

        var bad = Specs.RoutedOverrides.route(List.of(Override.parse("workload.operators.0.m=0")));
        assertThatThrownBy(() -> Specs.workload("mlp-train-nm", Map.of(), bad.workload()))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("preset mlp-train-nm")
                .hasMessageContaining("operators[0].m")
                .hasMessageContaining("must be > 0, got 0");
    }

    @Test
    void overrideOfAMissingParentNamesThePath() {
        assertThatThrownBy(() -> Specs.architecture("sat-vcu1525", List.of(Override.parse("units.arrayy.rows=4"))))
                .hasMessageContaining("--set")
                .hasMessageContaining("units.arrayy.rows")
                .hasMessageContaining("no such field 'units.arrayy'");
        assertThatThrownBy(() -> Specs.workload("mlp-train-nm", Map.of(), List.of(Override.parse("operators.9.m=3"))))
                .hasMessageContaining("operators.9.m")
                .hasMessageContaining("no such field 'operators.9'");
    }

    @Test
    void overrideAddingAnUnknownKeyIsReportedAsUnknown() {
        assertThatThrownBy(() -> Specs.architecture("sat-vcu1525", List.of(Override.parse("units.array.rowz=4"))))
                .hasMessageContaining("preset sat-vcu1525")
                .hasMessageContaining("units.array")
                .hasMessageContaining("unknown key 'rowz'")
                .hasMessageContaining("rows");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "noequals   | expected key=value",
        "=4         | expected key=value",
        "a..b=3     | dotted key",
        ".a=3       | dotted key",
        "a.=3       | dotted key"})
    void malformedSetOptionsAreRejected(String text, String problem) {
        assertThatThrownBy(() -> Override.parse(text))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("--set: ")
                .hasMessageContaining(problem);
    }

    @Test
    void malformedYamlInAFileReportsFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("broken.yaml");
        Files.writeString(f, "name: x\nclock_mhz: 100\nunits:\n  a: [1, 2\n  b: 3\n");
        assertThatThrownBy(() -> Specs.architecture(f.toString(), List.of()))
                .isInstanceOf(SpecException.class)
                .hasMessageMatching("\\Q" + f + "\\E:\\d+:\\d+: malformed YAML: .*");
        Files.writeString(f, "name: x\n  bad: : 3\n");
        assertThatThrownBy(() -> Specs.architecture(f.toString(), List.of()))
                .hasMessageStartingWith(f + ":2:6: malformed YAML");
    }

    @Test
    void malformedSetValueNamesTheOption() {
        assertThatThrownBy(() -> Specs.architecture("sat-vcu1525", List.of(Override.parse("units.array.rows=[4"))))
                .hasMessageStartingWith("--set units.array.rows:1:")
                .hasMessageContaining("malformed YAML");
    }

    @Test
    void unknownKeyIsNamedWithItsPathAndTheKnownKeys() {
        String yaml = ARCH.replace("cols: 4\n", "cols: 4\n    colour: red\n");
        assertThatThrownBy(() -> Specs.fromYaml("a.yaml", yaml, Architecture.class))
                .hasMessage("a.yaml: units.array.colour: unknown key 'colour' "
                        + "(known: buffer, cols, dataflow, dataflows, precision_bits, rows, supported_m)");
    }

    @Test
    void misspeltRequiredKeyIsReportedAsUnknownNotMissing() {
        String yaml = ARCH.replace("rows: 4", "rowz: 4");
        assertThatThrownBy(() -> Specs.fromYaml("a.yaml", yaml, Architecture.class))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("a.yaml")
                .hasMessageContaining("units.array")
                .hasMessageContaining("unknown key 'rowz'")
                .hasMessageNotContaining("must be > 0");
    }

    @Test
    void misspeltRequiredKeyInAFileAtTopLevelAndInAnOperator(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("my-arch.yaml");
        Files.writeString(f, "clock_mhz: 100\nunitz: {}\n");
        assertThatThrownBy(() -> Specs.architecture(f.toString(), List.of()))
                .hasMessageStartingWith(f + ": ")
                .hasMessageContaining("unknown key 'unitz'")
                .hasMessageNotContaining("at least one unit");
        String wl = WorkloadYaml.GEMM.replace("k: 16", "kk: 16");
        assertThatThrownBy(() -> Specs.fromYaml("w.yaml", wl, Workload.class))
                .hasMessageContaining("w.yaml: operators[0]")
                .hasMessageContaining("unknown key 'kk'");
    }

    @Test
    void unknownUnitTypeListsTheKnownTypes() {
        String yaml = ARCH.replace("nm-array", "nm-arrey");
        assertThatThrownBy(() -> Specs.fromYaml("a.yaml", yaml, Architecture.class))
                .hasMessageContaining("a.yaml: units.array.type: unknown type 'nm-arrey'")
                .hasMessageContaining("known: nm-array, topk-engine, dsp-chain, vector-unit, buffer, dram");
    }

    @Test
    void unknownOperatorTypeAndMissingTypeListTheKnownTypes() {
        assertThatThrownBy(() -> Specs.fromYaml("w.yaml", WorkloadYaml.GEMM.replace("type: gemm", "type: gem"), Workload.class))
                .hasMessageContaining("w.yaml: operators[0].type: unknown type 'gem'")
                .hasMessageContaining("gemm, conv2d, matmul");
        assertThatThrownBy(() -> Specs.fromYaml("w.yaml", WorkloadYaml.GEMM.replace("type: gemm\n    ", ""), Workload.class))
                .hasMessageContaining("w.yaml: operators[0].type: missing 'type'");
    }

    @Test
    void unknownPresetsListTheValidOnes() {
        assertThatThrownBy(() -> Specs.architecture("nope", List.of()))
                .hasMessageContaining("--arch")
                .hasMessageContaining("unknown architecture preset 'nope'")
                .hasMessageContaining(String.join(", ", Presets.architectures()));
        assertThatThrownBy(() -> Specs.workload("nope", Map.of(), List.of()))
                .hasMessageContaining("--workload")
                .hasMessageContaining("unknown workload preset 'nope'")
                .hasMessageContaining("mlp-train-nm, bert-base-attention, llama2-7b-decode");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "rows: 4                 | rows: 0                  | units.array.rows                  | must be > 0, got 0",
        "rows: 4                 | rows: -2                 | units.array.rows                  | must be > 0, got -2",
        "cols: 4                 | cols: abc                | units.array.cols                  | invalid value 'abc': expected an integer",
        "capacity_kib: 1         | capacity_kib: 0          | units.glb.capacity_kib            | must be > 0, got 0.0",
        "bytes_per_cycle: 4      | bytes_per_cycle: -1      | units.glb.bytes_per_cycle         | must be > 0, got -1.0",
        "channels: 1             | channels: 0              | units.dram.channels               | must be > 0, got 0",
        "clock_mhz: 100          | clock_mhz: 0             | clock_mhz                         | must be > 0, got 0.0",
        "buffer: glb             | buffer: glb\\n    dataflow: xs | units.array.dataflow        | invalid value 'xs' (allowed: os, ws, is)",
        "buffer: glb             | buffer: glb\\n    supported_m: [3] | units.array.supported_m | each M must be a power of two >= 2, got 3"})
    void badArchitectureValuesNameFileFieldAndProblem(String from, String to, String field, String problem) {
        String yaml = ARCH.replace(from, to.replace("\\n", "\n"));
        assertThatThrownBy(() -> Specs.fromYaml("a.yaml", yaml, Architecture.class))
                .isInstanceOf(SpecException.class)
                .hasMessage("a.yaml: " + field + ": " + problem)
                .satisfies(e -> {
                    SpecException se = (SpecException) e;
                    assertThat(se.source()).isEqualTo("a.yaml");
                    assertThat(se.field()).isEqualTo(field);
                    assertThat(se.problem()).isEqualTo(problem);
                });
    }

    @Test
    void fileOverridesAreAttributedToTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("my-arch.yaml");
        Files.writeString(f, ARCH.replace("name: tiny\n", ""));
        Architecture a = Specs.architecture(f.toString(), List.of());
        assertThat(a.name()).as("name defaults to the file stem").isEqualTo("my-arch");
        assertThatThrownBy(() -> Specs.architecture(f.toString(), List.of(Override.parse("units.glb.capacity_kib=0"))))
                .hasMessage(f + ": units.glb.capacity_kib: must be > 0, got 0.0");
    }

    @Test
    void missingFileAndParametersForAFileAreReported(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> Specs.workload(missing.toString(), Map.of(), List.of()))
                .hasMessage(missing + ": no such file");
        Path f = dir.resolve("w.yaml");
        Files.writeString(f, WorkloadYaml.GEMM);
        assertThatThrownBy(() -> Specs.workload(f.toString(), Map.of("batch", "2"), List.of()))
                .hasMessageContaining("--param: batch")
                .hasMessageContaining("only workload presets take parameters");
    }

    @Test
    void emptyDocumentIsRejected() {
        assertThatThrownBy(() -> Specs.fromYaml("e.yaml", "", Architecture.class))
                .hasMessage("e.yaml: empty document");
    }
}
