package io.sparcade.scheduler;

import io.sparcade.dataflow.GemmWork;
import io.sparcade.dataflow.TopkWork;
import io.sparcade.dataflow.VectorWork;
import io.sparcade.dataflow.Work;
import io.sparcade.model.arch.ComputeUnitSpec;
import io.sparcade.model.arch.DspChainSpec;
import io.sparcade.model.arch.NmArraySpec;
import io.sparcade.model.arch.TopkEngineSpec;
import io.sparcade.model.arch.VectorUnitSpec;

/** Which kinds of unit can run which kind of work (GEMMs on arrays and DSP chains, top-k on top-k engines...). */
public final class Compatibility {
    private Compatibility() {
    }

    public static boolean canRun(ComputeUnitSpec unit, Work work) {
        if (work instanceof GemmWork) {
            return unit instanceof NmArraySpec || unit instanceof DspChainSpec;
        }
        if (work instanceof VectorWork) {
            return unit instanceof VectorUnitSpec;
        }
        if (work instanceof TopkWork) {
            return unit instanceof TopkEngineSpec;
        }
        return false;
    }

    /**
     * The names of the units of {@code arch} that can run {@code work}, in the architecture's order; a top-k
     * without a top-k engine falls back to the vector units (selection by repeated maximum, e.g. an MoE
     * router's top-k). Empty when none can.
     */
    public static java.util.List<String> units(io.sparcade.model.arch.Architecture arch, Work work) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (java.util.Map.Entry<String, io.sparcade.model.arch.UnitSpec> e : arch.units().entrySet()) {
            if (e.getValue() instanceof ComputeUnitSpec u && canRun(u, work)) {
                out.add(e.getKey());
            }
        }
        if (out.isEmpty() && work instanceof TopkWork) {
            out.addAll(arch.unitsOf(VectorUnitSpec.class).keySet());
        }
        return out;
    }

    /** The unit types that can run {@code work}, for error messages. */
    public static String needs(Work work) {
        if (work instanceof GemmWork) {
            return NmArraySpec.TYPE + " or " + DspChainSpec.TYPE;
        }
        if (work instanceof VectorWork) {
            return VectorUnitSpec.TYPE;
        }
        if (work instanceof TopkWork) {
            return TopkEngineSpec.TYPE;
        }
        return "no unit";
    }

    /** Whether the unit exploits the work's N:M pattern (its multiplexers support that M). */
    public static boolean runsSparse(ComputeUnitSpec unit, Work work) {
        if (!(work instanceof GemmWork g) || !g.sparse()) {
            return false;
        }
        if (unit instanceof NmArraySpec a) {
            return a.supportsM(g.nm().m());
        }
        if (unit instanceof DspChainSpec d) {
            return d.supportsM(g.nm().m());
        }
        return false;
    }
}
