package io.sparcade.verilator;

/**
 * One query for the testbench: the input words shifted into the block, the number of output words to read
 * back, and the cycle limit after which the testbench reports a hang.
 */
public record StimulusVector(int[] words, int outWords, long cycleLimit) {
    public StimulusVector {
        words = words.clone();
    }
}
