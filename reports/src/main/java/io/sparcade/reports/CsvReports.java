package io.sparcade.reports;

import io.sparcade.dataflow.GemmWork;
import io.sparcade.hwsim.OpCost;
import io.sparcade.hwsim.OpResult;
import io.sparcade.hwsim.SimulationResult;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes {@code summary.csv} (one row per run) and {@code ops.csv} (one row per node per run and mode). */
public final class CsvReports {
    public static final List<String> SUMMARY_COLUMNS = List.of("run", "arch", "workload", "parameters", "mode",
            "clock_mhz", "total_cycles", "time_us", "energy_pj", "dynamic_energy_pj", "static_energy_pj", "dram_bytes",
            "macs_issued", "macs_useful", "stall_cycles", "ops", "dense_cycles", "speedup_vs_dense", "dense_energy_pj",
            "energy_saving_vs_dense", "dense_dram_bytes", "dram_reduction_vs_dense", "dram_bw_utilisation", "repeat",
            "model_cycles", "model_time_ms", "tokens_per_s", "token_latency_ms", "energy_per_token_uj", "power_w",
            "always_on_power_w", "device_max_power_w", "power_check", "wait_cycles", "energy_table", "per_pass_cycles",
            "params_total", "params_active", "resource_check");

    public static final List<String> OPS_COLUMNS = List.of("run", "mode", "op", "operator", "pass", "work", "unit",
            "sparse_mode", "start_cycle", "end_cycle", "cycles", "compute_cycles", "memory_cycles", "stall_cycles",
            "bound", "macs_issued", "macs_useful", "utilisation", "dram_bytes", "buffer_read_bytes",
            "buffer_write_bytes", "energy_pj", "detail", "wait_cycles");

    private CsvReports() {
    }

    public static void writeSummary(Path file, List<RunReport> runs) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(SUMMARY_COLUMNS.toArray(String[]::new)).get())) {
            for (RunReport r : runs) {
                SimulationResult s = r.result();
                SimulationResult d = r.dense();
                List<Object> row = new ArrayList<>();
                row.add(r.run());
                row.add(r.arch());
                row.add(r.workload().name());
                row.add(r.workload().parameters().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(" ")));
                row.add(r.workload().hasSparsity() ? "sparse" : "dense");
                row.add(num(s.schedule().architecture().clockMhz()));
                row.add(s.totalCycles());
                row.add(num(s.seconds() * 1e6));
                row.add(num(s.energyPj()));
                row.add(num(s.dynamicEnergyPj()));
                row.add(num(s.staticEnergyPj()));
                row.add(s.dramBytes());
                row.add(s.macsIssued());
                row.add(s.macsUseful());
                row.add(s.stallCycles());
                row.add(s.ops().size());
                row.add(d == null ? "" : d.totalCycles());
                row.add(num(r.speedupVsDense()));
                row.add(d == null ? "" : num(d.energyPj()));
                row.add(num(r.energySavingVsDense()));
                row.add(d == null ? "" : d.dramBytes());
                row.add(num(r.dramReductionVsDense()));
                row.add(num(r.dramBandwidthUtilisation()));
                row.add(r.workload().repeat());
                row.add(r.modelCycles());
                row.add(num(r.modelSeconds() * 1e3));
                row.add(num(r.tokensPerSecond()));
                row.add(num(r.tokenLatencyMs()));
                row.add(num(r.energyPerTokenUj()));
                row.add(num(s.averagePowerW()));
                row.add(num(s.power().totalW()));
                var device = s.schedule().architecture().device();
                row.add(device == null || device.maxPowerW() == 0 ? "" : num(device.maxPowerW()));
                row.add(device == null || device.maxPowerW() == 0 ? "no device limit"
                        : s.exceedsDevicePower() ? "exceeds device maximum" : "within device maximum");
                row.add(s.waitCycles());
                row.add(s.energyTable().name());
                row.add(r.perPass() == null ? "" : r.perPass().totalCycles());
                long total = r.workload().parametersTotal();
                row.add(total == 0 ? "" : total);
                row.add(total == 0 ? "" : r.workload().parametersActive());
                List<String> excess = s.exceedsDeviceResources();
                row.add(device == null ? "no device" : excess.isEmpty() ? "fits " + device.id()
                        : "exceeds " + device.id() + ": " + String.join("; ", excess));
                p.printRecord(row);
            }
        }
    }

    public static void writeOps(Path file, List<RunReport> runs) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(OPS_COLUMNS.toArray(String[]::new)).get())) {
            for (RunReport r : runs) {
                String mode = r.workload().hasSparsity() ? "sparse" : "dense";
                printOps(p, r.run(), mode, r.result());
                if (r.perPass() != null) {
                    printOps(p, r.run(), mode, r.perPass());
                }
                if (r.dense() != null) {
                    printOps(p, r.run(), "dense", r.dense());
                }
            }
        }
    }

    private static void printOps(CSVPrinter p, String run, String mode, SimulationResult s) throws IOException {
        for (OpResult o : s.ops()) {
            OpCost c = o.cost();
            boolean gemmSparse = o.firing().node().work() instanceof GemmWork g && g.sparse();
            p.printRecord(run, mode, o.name(), o.firing().node().operator().name(), o.firing().node().pass().id(),
                    o.firing().node().work().describe(), o.unit(),
                    o.firing().placement() == null || !gemmSparse ? "" : (o.firing().placement().sparseMode() ? "sparse" : "dense"),
                    o.startCycle(), o.endCycle(), c.cycles(), c.computeCycles(), c.memoryCycles(), c.stallCycles(),
                    o.firing().placement() == null ? "" : (c.memoryBound() ? "memory" : "compute"),
                    c.macsIssued(), c.macsUseful(), num(c.utilisation()), c.dramBytes(), c.bufferReadBytes(),
                    c.bufferWriteBytes(), num(o.energyPj()), c.detail(), o.waitCycles());
        }
    }

    /** Numbers with up to 6 significant decimals, plain notation; NaN as empty. */
    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(7)).stripTrailingZeros().toPlainString();
    }
}
