package io.sparcade.cli;

import io.sparcade.hwsim.SimulationResult;
import io.sparcade.reports.RunReport;
import java.io.PrintWriter;
import java.util.Locale;

/** Human-readable summaries printed by the commands. */
final class Text {
    private Text() {
    }

    static void summary(PrintWriter out, RunReport r) {
        SimulationResult s = r.result();
        out.printf(Locale.ROOT, "%s on %s (%s)%n", r.workload().name(), r.arch(),
                r.workload().hasSparsity() ? "sparse" : "dense");
        out.printf(Locale.ROOT, "  total cycles     %,d  (%.4g us at %.0f MHz)%n", s.totalCycles(), s.seconds() * 1e6,
                s.schedule().architecture().clockMhz());
        out.printf(Locale.ROOT, "  energy           %.4g uJ  (dynamic %.4g, static %.4g)%n", s.energyPj() / 1e6,
                s.dynamicEnergyPj() / 1e6, s.staticEnergyPj() / 1e6);
        out.printf(Locale.ROOT, "  power            %.4g W average (always-on %.4g W)%s%n", s.averagePowerW(),
                s.power().totalW(), s.exceedsDevicePower() ? "  EXCEEDS the device's " + Math.round(
                        s.schedule().architecture().device().maxPowerW()) + " W maximum" : "");
        out.printf(Locale.ROOT, "  DRAM traffic     %,d bytes; MACs useful %,d of %,d issued%n", s.dramBytes(),
                s.macsUseful(), s.macsIssued());
        if (r.dense() != null) {
            out.printf(Locale.ROOT, "  dense baseline   %,d cycles, %.4g uJ  ->  speedup %.3fx, energy saving %.3fx%n",
                    r.dense().totalCycles(), r.dense().energyPj() / 1e6, r.speedupVsDense(), r.energySavingVsDense());
        }
        if (r.workload().repeat() > 1) {
            out.printf(Locale.ROOT, "  whole model      x%d = %,d cycles (%.4g ms)%n", r.workload().repeat(),
                    r.modelCycles(), r.modelSeconds() * 1e3);
        }
        if (r.workload().tokens() > 0) {
            out.printf(Locale.ROOT, "  tokens/s         %.4g  (%.4g uJ per token)%n", r.tokensPerSecond(), r.energyPerTokenUj());
        }
    }
}
