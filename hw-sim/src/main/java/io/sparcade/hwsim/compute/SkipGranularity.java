package io.sparcade.hwsim.compute;

import io.sparcade.dataflow.GemmWork;
import io.sparcade.hwsim.memory.SkipQuantum;
import io.sparcade.model.arch.ComputeUnitSpec;
import io.sparcade.model.arch.Dataflow;
import io.sparcade.model.arch.DspChainSpec;
import io.sparcade.model.arch.NmArraySpec;

/**
 * At what granularity each unit can leave out masked work (what it can exploit of a sparsity pattern):
 * <ul>
 *   <li>N:M array: a fold covers rows x cols PEs of its two spatial dimensions and streams the temporal one
 *       (OS: m, n spatial, k temporal; WS: k, n spatial, m temporal; IS: k, m spatial, n temporal), so it skips a
 *       whole fold's rows (or columns) of a spatial dimension and single steps of the temporal one;</li>
 *   <li>DSP chain: each output is its own dot product and each pass of a segment its own step, so it skips single
 *       outputs (rows in pairs when INT8 packing shares a weight between two rows) and whole segments of the
 *       reduction.</li>
 * </ul>
 * Unstructured zeros inside a cell are computed, not skipped: an array has no gather path except the N:M
 * multiplexers, which take a sparse weight only when it is stored N:M (or ELLPACK, padded to N:M).
 */
public final class SkipGranularity {
    private SkipGranularity() {
    }

    /** The quantum of {@code unit} running {@code w} in tiles of {@code tileK} iterated k. */
    public static SkipQuantum of(ComputeUnitSpec unit, GemmWork w, boolean sparseMode, long tileK) {
        if (unit instanceof NmArraySpec a) {
            return switch (a.dataflow()) {
                case OS -> new SkipQuantum(a.rows(), 1, a.cols());
                case WS -> new SkipQuantum(1, a.rows(), a.cols());
                case IS -> new SkipQuantum(a.cols(), a.rows(), 1);
            };
        }
        if (unit instanceof DspChainSpec d) {
            int seg = DspChainModel.segmentLength(d, tileK, sparseMode ? w.nm().n() : 0);
            return new SkipQuantum(DspChainModel.packing(d, w), seg, 1);
        }
        return SkipQuantum.TILE;
    }

    /** For reports: the quantum as text, e.g. {@code 1x32x32 (m x k x n)}. */
    public static String describe(ComputeUnitSpec unit, GemmWork w, boolean sparseMode, long tileK) {
        return of(unit, w, sparseMode, tileK).text() + " (m x k x n)";
    }

    static boolean spatial(NmArraySpec a, char dim) {
        Dataflow df = a.dataflow();
        return switch (dim) {
            case 'm' -> df != Dataflow.WS;
            case 'k' -> df != Dataflow.OS;
            default -> df != Dataflow.IS;
        };
    }
}
