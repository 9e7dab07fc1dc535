package io.sparcade.verilator.layer;

import io.sparcade.rtl.EngineShell;
import java.util.Arrays;

/**
 * A tile program as the engines' controller reads it: two streams of {@link EngineShell#INSTRUCTION_WORDS}-word
 * instructions (DMA and compute), each ended by an all-zero instruction. Word layouts: sc_dma.sv and the
 * engines' sequencers.
 */
public final class Program {
    private int[] dma = new int[64];
    private int dmaWords;
    private int[] cmp = new int[64];
    private int cmpWords;

    public void dma(long... words) {
        dma = append(dma, dmaWords, words);
        dmaWords += EngineShell.INSTRUCTION_WORDS;
    }

    public void compute(long... words) {
        cmp = append(cmp, cmpWords, words);
        cmpWords += EngineShell.INSTRUCTION_WORDS;
    }

    private static int[] append(int[] to, int at, long[] words) {
        if (words.length > EngineShell.INSTRUCTION_WORDS) {
            throw new IllegalArgumentException("an instruction has " + EngineShell.INSTRUCTION_WORDS + " words");
        }
        int[] out = to.length < at + 2 * EngineShell.INSTRUCTION_WORDS ? Arrays.copyOf(to, to.length * 2 + 32) : to;
        for (int i = 0; i < words.length; i++) {
            if (words[i] < 0 || words[i] > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("instruction word " + i + " out of range: " + words[i]);
            }
            out[at + i] = (int) words[i];
        }
        return out;
    }

    /** The DMA stream with its end instruction. */
    public int[] dmaWords() {
        return Arrays.copyOf(dma, dmaWords + EngineShell.INSTRUCTION_WORDS);
    }

    /** The compute stream with its end instruction. */
    public int[] computeWords() {
        return Arrays.copyOf(cmp, cmpWords + EngineShell.INSTRUCTION_WORDS);
    }

    /** Instructions of the longer stream, its end included. */
    public int instructions() {
        return Math.max(dmaWords, cmpWords) / EngineShell.INSTRUCTION_WORDS + 1;
    }
}
