package io.sparcade.verilator;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a build as one process: stimulus streamed to stdin, one result line per vector parsed from stdout. */
final class StreamingRun {
    private StreamingRun() {
    }

    static List<RtlResult> run(SimBuild build, List<StimulusVector> vectors, RunOptions opt) {
        String label = build.design().label();
        try {
            Files.createDirectories(opt.workDir());
            Path log = opt.workDir().resolve("run.log");
            List<String> argv = new ArrayList<>(build.runArgv());
            if (opt.vcd() != null) {
                argv.add("+vcd=" + opt.vcd().toAbsolutePath());
            }
            Command cmd = new Command(argv, java.util.Map.of(), opt.workDir());
            Files.writeString(opt.workDir().resolve("command.txt"), cmd + "\n");
            Process p = new ProcessBuilder(cmd.argv()).directory(cmd.dir().toFile()).redirectError(log.toFile()).start();
            ExecutorService io = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "sim-io-" + label);
                t.setDaemon(true);
                return t;
            });
            try {
                Future<?> writer = io.submit(() -> {
                    try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.US_ASCII))) {
                        for (StimulusVector v : vectors) {
                            StringBuilder sb = new StringBuilder();
                            sb.append(v.words().length).append(' ').append(v.outWords()).append(' ').append(v.cycleLimit());
                            for (int x : v.words()) {
                                sb.append(' ').append(Integer.toUnsignedString(x));
                            }
                            w.write(sb.append('\n').toString());
                        }
                    } catch (IOException e) {
                        // The simulator exited early; the reader reports it with the log.
                    }
                    return null;
                });
                Future<List<String>> reader = io.submit(() -> {
                    List<String> lines = new ArrayList<>();
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            if (!line.isBlank() && !line.startsWith("VCD ")) {
                                lines.add(line.trim());
                            }
                        }
                    }
                    return lines;
                });
                List<String> lines;
                try {
                    lines = reader.get(opt.timeout().toMillis(), TimeUnit.MILLISECONDS);
                    writer.get(5, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    p.destroyForcibly();
                    throw new SimulationException(build.simulator() + " simulation of " + label
                            + " exceeded its wall-clock timeout of " + opt.timeout().toSeconds() + " s (hang?); log: " + log);
                }
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
                return parse(build, vectors, lines, p.exitValue(), log);
            } finally {
                io.shutdownNow();
            }
        } catch (IOException e) {
            throw new SimulationException(build.simulator() + " simulation of " + label + " could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimulationException("simulation of " + label + " interrupted");
        } catch (ExecutionException e) {
            throw new SimulationException(build.simulator() + " simulation of " + label + " failed: " + e.getCause());
        }
    }

    private static List<RtlResult> parse(SimBuild build, List<StimulusVector> vectors, List<String> lines, int exit,
                                         Path log) {
        String label = build.design().label();
        List<RtlResult> out = new ArrayList<>();
        for (int i = 0; i < lines.size() && i < vectors.size(); i++) {
            String[] f = lines.get(i).split("\\s+");
            if (f[0].equals("TIMEOUT")) {
                throw new SimulationException(build.simulator() + " simulation of " + label + " hung: done not raised within "
                        + vectors.get(i).cycleLimit() + " cycles (cycle limit) on vector " + i + "; log: " + log);
            }
            try {
                long cycles = Long.parseLong(f[0]);
                long[] o = new long[f.length - 1];
                for (int j = 1; j < f.length; j++) {
                    o[j - 1] = Long.parseLong(f[j]);
                }
                if (o.length != vectors.get(i).outWords()) {
                    throw new NumberFormatException(o.length + " outputs, expected " + vectors.get(i).outWords());
                }
                out.add(new RtlResult(o, cycles));
            } catch (NumberFormatException e) {
                throw new SimulationException(build.simulator() + " testbench of " + label + " printed an unreadable line for vector "
                        + i + " ('" + lines.get(i) + "': " + e.getMessage() + "); log: " + log);
            }
        }
        if (out.size() < vectors.size() || exit != 0) {
            throw new SimulationException(build.simulator() + " testbench of " + label + " crashed (exit code " + exit + ") after "
                    + out.size() + " of " + vectors.size() + " vectors; log: " + log);
        }
        return out;
    }
}
