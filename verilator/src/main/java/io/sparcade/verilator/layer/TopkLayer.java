package io.sparcade.verilator.layer;

import io.sparcade.dataflow.OnChip;
import io.sparcade.dataflow.TopkWork;
import io.sparcade.hwsim.OpCost;
import io.sparcade.hwsim.compute.TopkEngineModel;
import io.sparcade.hwsim.memory.DramModel;
import io.sparcade.hwsim.memory.TileWalk;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.arch.TopkEngineSpec;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * One top-k node as the top-k engine runs it: the model's seeded scores (rows x n, row-major in DRAM), the
 * rows' tile program of {@link TopkEngineModel} encoded for the engine, and the reference: each row's k
 * indices of the largest scores, ties to the lower index, ascending (rows x k after the scores).
 */
public final class TopkLayer {
    private final TopkWork w;
    private final int[][] scores;
    private final long outBase;
    private final Program program = new Program();
    private final OpCost model;

    /** @param rowWords A-buffer words between the two halves' rows (the engine's row capacity) */
    public TopkLayer(TopkWork w, TopkEngineSpec t, BufferSpec buffer, DramModel dram, long latency, OnChip onChip,
                     long rowWords) {
        if (w.n() > rowWords) {
            throw new IllegalArgumentException("rows of " + w.n() + " scores exceed the engine's compaction buffers of "
                    + rowWords);
        }
        if (w.rows() * w.n() > (1L << 26)) {
            throw new IllegalArgumentException(w.rows() * w.n() + " scores are too many for a layer run (at most 2^26)");
        }
        this.w = w;
        this.scores = new int[(int) w.rows()][];
        for (int r = 0; r < w.rows(); r++) {
            scores[r] = TopkEngineModel.scores(w.seed(), r, (int) w.n(), w.bits());
        }
        this.outBase = w.rows() * w.n();
        this.model = TopkEngineModel.run(w, t, buffer, dram, latency, onChip, new TileWalk.Sink() {
            @Override
            public void load(TileWalk.Load l) {
                program.dma(1, l.waitTiles(), l.row0() * w.n(), 1, w.n(), w.n(), l.half() * rowWords, w.n(), w.bits(), 0, 0);
            }

            @Override
            public void compute(TileWalk.Compute c) {
                program.compute(1, c.waitLoads(), c.waitStores(), w.n(), w.k(), 0, c.aHalf() * rowWords, 0, 0, 0, 0,
                        c.cHalf() * w.k());
            }

            @Override
            public void store(TileWalk.Store s) {
                program.dma(3, s.waitTiles(), outBase + s.row0() * w.k(), 1, w.k(), w.k(), s.half() * w.k(), w.k(), 32, 0, 32);
            }
        });
    }

    public OpCost model() {
        return model;
    }

    public Program program() {
        return program;
    }

    public long dramWords() {
        return outBase + w.rows() * w.k();
    }

    public long outputLo() {
        return outBase;
    }

    public long outputHi() {
        return outBase + w.rows() * w.k() - 1;
    }

    public Map<Long, long[]> dramImage() {
        Map<Long, long[]> img = new LinkedHashMap<>();
        long[] v = new long[(int) (w.rows() * w.n())];
        for (int r = 0; r < w.rows(); r++) {
            for (int i = 0; i < w.n(); i++) {
                v[(int) (r * w.n() + i)] = scores[r][i];
            }
        }
        img.put(0L, v);
        return img;
    }

    /** Each row's k indices, ascending, rows after rows. */
    public long[] expected() {
        long[] out = new long[(int) (w.rows() * w.k())];
        for (int r = 0; r < w.rows(); r++) {
            int[] s = scores[r];
            long[] idx = IntStream.range(0, s.length).boxed()
                    .sorted(Comparator.<Integer>comparingInt(i -> -s[i]).thenComparingInt(i -> i))
                    .limit(w.k()).mapToLong(i -> i).sorted().toArray();
            System.arraycopy(idx, 0, out, (int) (r * w.k()), idx.length);
        }
        return out;
    }
}
