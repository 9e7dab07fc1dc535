package io.sparcade.model.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparcade.model.SpecException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlockConfigsTest {
    @Test
    void defaultsAreValidForEveryBlock() {
        for (BlockKind k : BlockKind.values()) {
            BlockConfig c = BlockConfigs.parse(k, List.of());
            assertThat(c.kind()).isEqualTo(k);
            assertThat(c.params()).isEqualTo(BlockConfigs.defaults(k));
        }
    }

    @Test
    void parsesParametersAndKeepsTheirOrderInTheLabel() {
        BlockConfig c = BlockConfigs.parse(BlockKind.NM_ARRAY, List.of("rows=2", "cols=3", "n=1", "m=8", "depth=32"));
        assertThat(c).isEqualTo(new NmArrayConfig(2, 3, 1, 8, 8, 32));
        assertThat(c.label()).isEqualTo("nm-array_rows2_cols3_n1_m8_width8_depth32");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "nm-array  | rows=9          | block nm-array: rows: must be in 1..8, got 9",
        "nm-array  | m=6             | block nm-array: m: must be a power of two, got 6",
        "nm-array  | n=3             | block nm-array: n: must be a power of two, got 3",
        "nm-array  | depth=18        | block nm-array: depth: must be a multiple of m=4, got 18",
        "topk      | k=65            | block topk: k: must be in 1..64, got 65",
        "topk      | p=0             | block topk: p: must be in 1..32, got 0",
        "dsp-chain | n=3             | block dsp-chain: n: must divide groups=4 (segments are whole DSP groups), got 3",
        "dsp-chain | width=9,pack=1  | block dsp-chain: width: must be <= 8 with pack=1 (two INT8 per DSP), got 9",
        "dsp-chain | pack=2          | block dsp-chain: pack: must be in 0..1, got 2",
        "topk      | q=1             | block topk: q: unknown parameter; known: p, len, k, width",
        "topk      | k=two           | block topk: k: expected an integer, got 'two'",
        "topk      | k               | --param: expected key=value, got 'k'",
    })
    void badParametersNameTheBlockAndTheParameter(String block, String params, String message) {
        List<String> kv = List.of(params.split(","));
        assertThatThrownBy(() -> BlockConfigs.parse(BlockKind.of(block), kv))
                .isInstanceOf(SpecException.class).hasMessage(message);
    }

    @Test
    void unknownBlockListsTheKnownOnes() {
        assertThatThrownBy(() -> BlockKind.of("fft")).isInstanceOf(SpecException.class)
                .hasMessage("--block: unknown block 'fft'; expected one of nm-array, topk, dsp-chain");
    }

    @Test
    void derivedQuantities() {
        NmArrayConfig a = new NmArrayConfig(2, 2, 2, 8, 8, 32);
        // one multiplier per PE: the 2 nonzeros of each of the 32/8 groups sparse, all 32 weights dense
        assertThat(a.steps(true)).isEqualTo(8);
        assertThat(a.steps(false)).isEqualTo(32);
        assertThat(a.indexBits()).isEqualTo(3);
        assertThat(a.accBits()).isEqualTo(16 + 5);
        DspChainConfig d = new DspChainConfig(6, 3, 8, 0, 8, 4);
        assertThat(d.stages()).isEqualTo(12);
        assertThat(d.segmentLength(true)).isEqualTo(4);
        assertThat(d.activationsPerRow(true)).isEqualTo(2 * 8);
        assertThat(d.activationsPerRow(false)).isEqualTo(12);
    }
}
