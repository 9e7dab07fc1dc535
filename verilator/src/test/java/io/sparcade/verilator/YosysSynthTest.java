package io.sparcade.verilator;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparcade.hwsim.block.BlockResources;
import io.sparcade.model.block.BlockConfig;
import io.sparcade.model.block.BlockConfigs;
import io.sparcade.model.block.BlockKind;
import io.sparcade.rtl.RtlGenerators;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Yosys synth_xilinx maps exactly the estimated number of DSP48s: one per multiplier. */
class YosysSynthTest {
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "nm-array  | rows=2,cols=2,n=2,m=4,depth=8",
        "dsp-chain | groups=2,n=2,m=4,outputs=4",
        "dsp-chain | groups=3,n=3,m=4,pack=1,outputs=4",
    })
    void dspCountMatchesTheEstimate(String block, String params, @TempDir Path dir) {
        BlockConfig c = BlockConfigs.parse(BlockKind.of(block), List.of(params.split(",")));
        YosysSynth.Result r = YosysSynth.run(RtlGenerators.generate(c), dir);
        assertThat(r.dsp48()).as("cells %s", r.cells()).isEqualTo(BlockResources.estimate(c).dsp48());
        assertThat(r.ff()).isPositive();
        assertThat(r.lut()).isPositive();
        assertThat(r.bram()).isZero();
    }
}
