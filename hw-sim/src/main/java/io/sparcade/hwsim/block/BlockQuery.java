package io.sparcade.hwsim.block;

/** The data of one query to a block (the block's configuration is given separately). */
public sealed interface BlockQuery permits NmArrayBlock.Query, TopkBlock.Query, DspChainBlock.Query {
}
