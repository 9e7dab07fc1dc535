package io.sparcade.model.presets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparcade.model.SpecException;
import io.sparcade.model.spec.Specs;
import io.sparcade.model.workload.Gemm;
import io.sparcade.model.workload.Workload;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Preset parameters ({@code --param key=value}): defaults, parsing and the errors bad values give. */
class ParamsTest {
    static final List<PresetParameter> DECLARED = List.of(
            new PresetParameter("batch", "4", "rows"),
            new PresetParameter("keep", "0.5", "fraction"),
            new PresetParameter("nm", "2:8", "pattern"));

    static Params params(Map<String, String> given) {
        return new Params("demo", DECLARED, given);
    }

    @Test
    void defaultsAreUsedAndGivenValuesOverrideThem() {
        Params p = params(Map.of("batch", "16"));
        assertThat(p.positiveLong("batch")).isEqualTo(16);
        assertThat(p.positiveInt("batch")).isEqualTo(16);
        assertThat(p.fraction("keep")).isEqualTo(0.5);
        assertThat(p.nm("nm")).containsExactly(2, 8);
        assertThat(p.values()).containsEntry("batch", "16").containsEntry("nm", "2:8");
        assertThat(p.preset()).isEqualTo("demo");
    }

    @Test
    void unknownParameterListsTheValidOnes() {
        assertThatThrownBy(() -> params(Map.of("bogus", "1")))
                .isInstanceOf(SpecException.class)
                .hasMessage("--param: bogus: workload preset 'demo' has no parameter 'bogus' (has: batch, keep, nm)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "0", "-3", "1.5", "", "99999999999999999999"})
    void badIntegersAreRejected(String value) {
        Params p = params(Map.of("batch", value));
        assertThatThrownBy(() -> p.positiveLong("batch"))
                .hasMessage("--param: batch: expected a positive integer, got '" + value + "'");
    }

    @Test
    void integerTooLargeForAnIntIsRejected() {
        Params p = params(Map.of("batch", "4294967296"));
        assertThat(p.positiveLong("batch")).isEqualTo(4294967296L);
        assertThatThrownBy(() -> p.positiveInt("batch")).hasMessage("--param: batch: too large: 4294967296");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1.01", "-0.5", "half", "NaN"})
    void badFractionsAreRejected(String value) {
        Params p = params(Map.of("keep", value));
        assertThatThrownBy(() -> p.fraction("keep")).hasMessage("--param: keep: expected a number in (0, 1], got '" + value + "'");
    }

    @ParameterizedTest
    @CsvSource({"2:8, 2, 8", "' 1 : 4 ', 1, 4", "8:16, 8, 16"})
    void nmRatiosParse(String value, int n, int m) {
        assertThat(params(Map.of("nm", value)).nm("nm")).containsExactly(n, m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dense", "DENSE", " Dense "})
    void denseMeansNoPattern(String value) {
        assertThat(params(Map.of("nm", value)).nm("nm")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2-8", "2:8:1", "2:", ":8", "0:8", "a:b", "2:-8"})
    void malformedNmRatiosAreRejected(String value) {
        Params p = params(Map.of("nm", value));
        assertThatThrownBy(() -> p.nm("nm")).hasMessage("--param: nm: expected N:M such as 2:8, or dense, got '" + value.trim() + "'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"3:6 | M must be a power of two", "9:8 | N must be <= M"})
    void invalidNmRatiosNameTheParameter(String value, String problem) {
        assertThatThrownBy(() -> Specs.workload("mlp-train-nm", Map.of("nm", value), List.of()))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("--param: nm: ")
                .hasMessageContaining(problem)
                .hasMessageContaining(value);
    }

    @Test
    void presetParametersShapeTheWorkload() {
        Workload w = Specs.workload("mlp-train-nm", Map.of("batch", "32", "hidden", "64", "layers", "2", "nm", "dense"), List.of());
        assertThat(w.operators()).extracting(o -> o.name()).containsExactly("fc1", "relu1", "fc2");
        assertThat(w.operators().get(0)).isEqualTo(new Gemm("fc1", List.of("x"), 32, 64, 64, 8, 8));
        assertThat(w.training()).isTrue();
        assertThat(w.hasSparsity()).isFalse();
        Workload sparse = Specs.workload("mlp-train-nm", Map.of("nm", "4:16"), List.of());
        assertThat(sparse.sparsityOf("fc3").nm().ratio()).isEqualTo("4:16");
    }

    @Test
    void unknownParameterOfARealPresetListsItsParameters() {
        assertThatThrownBy(() -> Specs.workload("llama2-7b-decode", Map.of("ctx", "8"), List.of()))
                .hasMessage("--param: ctx: workload preset 'llama2-7b-decode' has no parameter 'ctx' "
                        + "(has: context, batch, weight_bits, kv_bits, kv_heads, nm, block_keep)");
    }
}
