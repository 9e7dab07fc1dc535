package io.sparcade.cli;

import io.sparcade.model.block.BlockConfig;
import io.sparcade.model.block.BlockConfigs;
import io.sparcade.model.block.BlockKind;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --block} and its {@code --param key=value} options, shared by the RTL commands. */
final class BlockOptions {
    @Option(names = "--block", required = true, paramLabel = "<nm-array|topk|dsp-chain>",
            description = "Block family: nm-array, topk or dsp-chain.")
    String block;

    @Option(names = "--param", paramLabel = "key=value",
            description = "Block parameter (repeatable). nm-array: rows, cols, n, m, width, depth; "
                    + "topk: p, len, k, width; dsp-chain: groups, n, m, pack, width, outputs.")
    List<String> params = new ArrayList<>();

    /** The validated configuration (SpecException naming the parameter otherwise). */
    BlockConfig config() {
        return BlockConfigs.parse(BlockKind.of(block), params);
    }
}
