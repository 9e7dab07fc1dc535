package io.sparcade.cli;

import io.sparcade.app.Sparcade;
import io.sparcade.hwsim.OpResult;
import io.sparcade.hwsim.OperatorModel;
import io.sparcade.hwsim.SimulationResult;
import io.sparcade.model.SpecException;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.spec.Specs;
import io.sparcade.model.workload.Workload;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sparcade bench scalesim}: SCALE-Sim (an existing checkout, run as a subprocess with the given Python) and
 * Sparcade on the same .cfg and topology; per-layer totals side by side, their error, and the time of each whole
 * run. An optional tool: nothing in the test suite needs SCALE-Sim.
 */
@Command(name = "scalesim", mixinStandardHelpOptions = true,
        description = "Run SCALE-Sim (--scalesim-dir checkout) and Sparcade on one SCALE-Sim .cfg and topology; print "
                + "per-layer Total Cycles (incl. prefetch), Total Cycles and Stall Cycles of both, the error, and the "
                + "time of each whole run with their ratio.")
final class BenchScaleSim implements Callable<Integer> {
    /** The call scalesim/scale.py makes, with its per-layer traces off (they change no report). */
    private static final String DRIVER = String.join("\n",
            "import resource, sys",
            "from scalesim.scale_sim import scalesim",
            "cfg, topo, out, gemm = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == 'gemm'",
            "scalesim(save_disk_space=True, verbose=False, config=cfg, topology=topo,",
            "         layout='./layouts/conv_nets/test.csv', input_type_gemm=gemm).run_scale(top_path=out)",
            "u = resource.getrusage(resource.RUSAGE_SELF)",
            "print('cpu_s=%.3f' % (u.ru_utime + u.ru_stime))", "");

    @Option(names = "--scalesim-dir", required = true, paramLabel = "<checkout>",
            description = "A checkout of scalesim-project/scale-sim-v3 (the directory holding scalesim/scale_sim.py).")
    Path scalesimDir;

    @Option(names = "--arch", required = true, paramLabel = "scalesim-cfg:<file.cfg>", description = "SCALE-Sim config.")
    String arch;

    @Option(names = "--workload", required = true, paramLabel = "scalesim-topology:<file.csv>",
            description = "SCALE-Sim topology (conv or GEMM form).")
    String workload;

    @Option(names = "--python", defaultValue = "python3", paramLabel = "<exe>",
            description = "Python with numpy, pandas, absl, tqdm (default: ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--repeats", defaultValue = "5", paramLabel = "<n>",
            description = "Sparcade runs after the first, for its warm time (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--timeout", defaultValue = "3600", paramLabel = "<s>",
            description = "Seconds SCALE-Sim may take before it is stopped (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @java.lang.Override
    public Integer call() throws Exception {
        Path cfg = file("--arch", arch, Specs.SCALESIM_CFG);
        Path topo = file("--workload", workload, Specs.SCALESIM_TOPOLOGY);
        if (!Files.isRegularFile(scalesimDir.resolve("scalesim").resolve("scale_sim.py"))) {
            throw new SpecException("--scalesim-dir", null, scalesimDir + " has no scalesim/scale_sim.py (expected a "
                    + "checkout of github.com/scalesim-project/scale-sim-v3)");
        }
        if (repeats < 0 || timeoutSeconds < 1) {
            throw new IllegalArgumentException("--repeats must be >= 0 and --timeout >= 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        // Sparcade first: bad input is refused before SCALE-Sim spends minutes on it.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        List<long[]> ours = sparcade();
        double firstS = (System.nanoTime() - t0) / 1e9;
        double firstCpuS = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        double bestS = firstS;
        for (int i = 0; i < repeats; i++) {
            long t = System.nanoTime();
            sparcade();
            bestS = Math.min(bestS, (System.nanoTime() - t) / 1e9);
        }

        Path work = Files.createTempDirectory("sparcade-scalesim-");
        try {
            long s0 = System.nanoTime();
            double theirCpuS;
            List<long[]> theirs;
            try {
                theirCpuS = runScaleSim(cfg, topo, work);
                theirs = computeReport(work.resolve("out"));
            } catch (ScaleSimFailed e) {
                spec.commandLine().getErr().println("sparcade: error: " + e.getMessage());
                return 1;
            }
            double theirS = (System.nanoTime() - s0) / 1e9;
            if (theirs.size() != ours.size()) {
                spec.commandLine().getErr().printf("sparcade: error: SCALE-Sim reported %d layers, Sparcade %d%n",
                        theirs.size(), ours.size());
                return 1;
            }
            List<String> names = Specs.workload(workload, Map.of(), List.of()).operators().stream().map(o -> o.name()).toList();
            out.printf(Locale.ROOT, "%s on %s%n", topo.getFileName(), cfg.getFileName());
            out.printf(Locale.ROOT, "%-22s %12s %12s %12s %12s %8s %12s %12s%n", "layer", "incl(SS)", "incl(Sp)",
                    "total(SS)", "total(Sp)", "error", "stall(SS)", "stall(Sp)");
            double worst = 0;
            int identical = 0;
            for (int i = 0; i < ours.size(); i++) {
                long[] s = theirs.get(i);
                long[] p = ours.get(i);
                double err = s[1] == 0 ? (p[1] == 0 ? 0 : Double.POSITIVE_INFINITY) : (double) (p[1] - s[1]) / s[1];
                worst = Math.max(worst, Math.abs(err));
                identical += s[0] == p[0] && s[1] == p[1] && s[2] == p[2] ? 1 : 0;
                out.printf(Locale.ROOT, "%-22s %12d %12d %12d %12d %+7.2f%% %12d %12d%n", names.get(i), s[0], p[0], s[1],
                        p[1], 100 * err, s[2], p[2]);
            }
            out.printf(Locale.ROOT, "%d of %d layers identical in all three columns; worst total error %.2f%%%n",
                    identical, ours.size(), 100 * worst);
            out.printf(Locale.ROOT, "whole run: SCALE-Sim %.3g s wall (%.3g s CPU, Python start included), Sparcade "
                            + "%.3g s wall (%.3g s CPU) first run in a running JVM, %.3g s best of %d more%n",
                    theirS, theirCpuS, firstS, firstCpuS, bestS, repeats);
            out.printf(Locale.ROOT, "speed ratio SCALE-Sim/Sparcade: %.3gx wall (first run), %.3gx CPU (first run), "
                    + "%.3gx wall (best)%n", theirS / firstS, theirCpuS / firstCpuS, theirS / bestS);
            return 0;
        } finally {
            try (Stream<Path> s = Files.walk(work)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static Path file(String option, String value, String prefix) {
        if (!value.startsWith(prefix)) {
            throw new SpecException(option, null, "bench scalesim needs " + prefix + "<file>, got '" + value + "'");
        }
        return Path.of(value.substring(prefix.length())).toAbsolutePath();
    }

    /** Per layer, in topology order: {incl. prefetch, total, stall}. */
    private List<long[]> sparcade() {
        Architecture a = Specs.architecture(arch, List.of());
        Workload w = Specs.workload(workload, Map.of(), List.of());
        OperatorModel model = new OperatorModel();
        Sparcade s = new Sparcade();
        SimulationResult r = s.simulate(s.schedule(s.graph(w, workload), a, Mapping.NONE, "mapping"));
        List<long[]> out = new ArrayList<>();
        for (var op : w.operators()) {
            OpResult o = r.ops().stream().filter(x -> x.name().equals(op.name())).findFirst().orElseThrow();
            long incl = model.partitionedRun(o.firing().node(), o.firing().placement(), a).memory().inclPrefetch();
            out.add(new long[] {incl, o.cost().cycles(), o.cost().stallCycles()});
        }
        return out;
    }

    /** Runs SCALE-Sim into {@code work/out}; returns its CPU seconds. */
    private double runScaleSim(Path cfg, Path topo, Path work) throws IOException, InterruptedException {
        Path driver = work.resolve("driver.py");
        Files.writeString(driver, DRIVER);
        Path log = work.resolve("scalesim.log");
        ProcessBuilder pb = new ProcessBuilder(python, driver.toString(), cfg.toString(), topo.toString(),
                work.resolve("out").toString(), gemm(topo) ? "gemm" : "conv")
                .directory(scalesimDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PYTHONPATH", scalesimDir.toAbsolutePath().toString());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new SpecException("--python", null, "cannot run '" + python + "': " + e.getMessage());
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new ScaleSimFailed("SCALE-Sim did not finish within " + timeoutSeconds + " s (--timeout)");
        }
        List<String> lines = Files.readAllLines(log);
        if (p.exitValue() != 0) {
            throw new ScaleSimFailed("SCALE-Sim exited with " + p.exitValue() + ": "
                    + (lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1)));
        }
        return lines.stream().filter(l -> l.startsWith("cpu_s=")).mapToDouble(l -> Double.parseDouble(l.substring(6)))
                .findFirst().orElse(Double.NaN);
    }

    private static boolean gemm(Path topo) throws IOException {
        String header = Files.readAllLines(topo).stream().filter(l -> !l.isBlank()).findFirst().orElse("");
        String[] f = header.split(",");
        return f.length >= 4 && f[1].trim().equalsIgnoreCase("M") && f[2].trim().equalsIgnoreCase("N")
                && f[3].trim().equalsIgnoreCase("K");
    }

    /** COMPUTE_REPORT.csv of the one run under {@code out}: per layer {incl. prefetch, total, stall}. */
    private static List<long[]> computeReport(Path out) throws IOException {
        Path report;
        try (Stream<Path> s = Files.walk(out)) {
            report = s.filter(p -> p.getFileName().toString().equals("COMPUTE_REPORT.csv")).findFirst()
                    .orElseThrow(() -> new ScaleSimFailed("SCALE-Sim wrote no COMPUTE_REPORT.csv under " + out));
        }
        List<long[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(report);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            rows.add(new long[] {Long.parseLong(f[1].trim()), Long.parseLong(f[2].trim()), Long.parseLong(f[3].trim())});
        }
        return rows;
    }

    /** SCALE-Sim itself failed (exit status, timeout, no report): exit 1 with its last line, no stack trace. */
    private static final class ScaleSimFailed extends RuntimeException {
        ScaleSimFailed(String message) {
            super(message);
        }
    }
}
