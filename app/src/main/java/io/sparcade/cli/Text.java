package io.sparcade.cli;

import io.sparcade.hwsim.SimulationResult;
import io.sparcade.reports.RunReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Human-readable summaries printed by the commands. */
final class Text {
    private Text() {
    }

    /**
     * The command line as typed, for the reports: {@code sparcade} and the original arguments, each quoted for a
     * POSIX shell when it holds anything but letters, digits and {@code -_./:=,+@%}.
     */
    static String commandLine(picocli.CommandLine.Model.CommandSpec spec) {
        StringBuilder b = new StringBuilder("sparcade");
        for (String a : spec.root().commandLine().getParseResult().originalArgs()) {
            b.append(' ').append(a.matches("[A-Za-z0-9_./:=,+@%-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return b.toString();
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
        List<String> excess = s.exceedsDeviceResources();
        if (!excess.isEmpty()) {
            out.printf(Locale.ROOT, "  resources        EXCEED the %s (estimate of the layer engines as Sparcade's RTL builds them): %s%n",
                    s.schedule().architecture().device().id(), String.join("; ", excess));
        }
        out.printf(Locale.ROOT, "  DRAM traffic     %,d bytes; MACs useful %,d of %,d issued%n", s.dramBytes(),
                s.macsUseful(), s.macsIssued());
        if (s.schedule().architecture().dram().sizedBandwidth()) {
            out.printf(Locale.ROOT, "  DRAM bandwidth   sized to compute: %.4g GB/s on average over the run%n", r.dramGbPerSec());
        }
        if (r.dense() != null) {
            out.printf(Locale.ROOT, "  dense baseline   %,d cycles, %.4g uJ  ->  speedup %.3fx, energy saving %.3fx%n",
                    r.dense().totalCycles(), r.dense().energyPj() / 1e6, r.speedupVsDense(), r.energySavingVsDense());
        }
        if (r.perPass() != null) {
            out.printf(Locale.ROOT, "  once per pass    %,d cycles (embedding, LM head...: %d operators)%n",
                    r.perPass().totalCycles(), r.workload().perPass().operators().size());
        }
        if (r.workload().repeat() > 1 || r.perPass() != null) {
            out.printf(Locale.ROOT, "  whole model      x%d%s = %,d cycles (%.4g ms)%n", r.workload().repeat(),
                    r.perPass() == null ? "" : " + once per pass", r.modelCycles(), r.modelSeconds() * 1e3);
        }
        long total = r.workload().parametersTotal();
        long active = r.workload().parametersActive();
        if (total > 0) {
            double scale = total >= 1e9 ? 1e9 : 1e6;
            String unit = total >= 1e9 ? "B" : "M";
            if (active == total) {
                out.printf(Locale.ROOT, "  parameters       %.4g %s%n", total / scale, unit);
            } else {
                out.printf(Locale.ROOT, "  parameters       %.4g %s total, %.4g %s active per token%n", total / scale, unit,
                        active / scale, unit);
            }
        }
        if (r.workload().tokens() > 0) {
            out.printf(Locale.ROOT, "  tokens/s         %.4g  (%.4g uJ per token)%n", r.tokensPerSecond(), r.energyPerTokenUj());
        }
    }
}
