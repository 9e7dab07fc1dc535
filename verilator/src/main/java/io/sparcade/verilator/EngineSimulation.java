package io.sparcade.verilator;

import io.sparcade.rtl.Leaves;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Builds a layer engine with its testbench ({@link EngineTestbench}) for Verilator or Icarus, cached like the
 * block builds, and runs one program on it: the DRAM image and the two program streams go in as hex files,
 * the counters and the output region come back.
 */
public final class EngineSimulation {
    /** Wall-clock bound of one engine build (large arrays take minutes to compile). */
    static final Duration BUILD_TIMEOUT = Duration.ofMinutes(30);

    private EngineSimulation() {
    }

    /** A compiled engine testbench. */
    public record Build(String simulator, EngineTestbench testbench, Path dir, List<String> runArgv, boolean cached) {
        public Build {
            runArgv = List.copyOf(runArgv);
        }
    }

    /**
     * What one run measured.
     *
     * @param cycles         cycles from start to done
     * @param busyCycles     cycles the compute unit computed
     * @param dramReadBytes  bytes the DRAM model delivered
     * @param dramWriteBytes bytes the DRAM model took
     * @param outputs        the output region's words after the run (the rounded results)
     * @param raw            the unrounded values the engine sent with them
     * @param seconds        wall time of the simulation process
     */
    public record Result(long cycles, long busyCycles, long dramReadBytes, long dramWriteBytes, long[] outputs, long[] raw,
                         double seconds, Map<Integer, long[]> buffers) {
    }

    public static Build build(RtlSimulator sim, EngineTestbench tb) {
        sim.checkInstalled();
        Map<String, String> sources = new LinkedHashMap<>(tb.engine().files());
        sources.put("sc_dram_model.sv", Leaves.text("sc_dram_model.sv"));
        sources.put("sc_tb_engine.sv", tb.wrapper());
        List<String> svFiles = List.copyOf(sources.keySet());
        if (sim.name().equals("verilator")) {
            sources.put("tb.cpp", EngineTestbench.cppMain());
            Map.Entry<Path, Boolean> b = BuildCache.build("verilator", Tools.version("verilator", "--version"), tb.params(),
                    tb.label(), sources, svFiles, (files, dir) -> verilatorCommand(files, dir), BUILD_TIMEOUT);
            return new Build("verilator", tb, b.getKey(), List.of(b.getKey().resolve("obj").resolve("sim").toString()),
                    b.getValue());
        }
        sources.put("tb_top.sv", EngineTestbench.icarusTop());
        List<String> files = new ArrayList<>(svFiles);
        files.add("tb_top.sv");
        Map.Entry<Path, Boolean> b = BuildCache.build("icarus", Tools.version("iverilog", "-V"), tb.params(), tb.label(),
                sources, files, (fs, dir) -> {
                    List<String> argv = new ArrayList<>(List.of("iverilog", "-g2012", "-s", "sc_tb_top", "-o", "sim.vvp"));
                    argv.addAll(fs);
                    return new Command(argv, Map.of(), dir);
                }, BUILD_TIMEOUT);
        return new Build("icarus", tb, b.getKey(), List.of("vvp", "-n", b.getKey().resolve("sim.vvp").toString()),
                b.getValue());
    }

    static Command verilatorCommand(List<String> svFiles, Path dir) {
        List<String> argv = new ArrayList<>(List.of("verilator", "--cc", "--exe", "--build", "-j", "2", "--trace",
                "-Wno-fatal", "-Wno-lint", "-Wno-style", "--x-assign", "fast", "--x-initial", "fast",
                "--top-module", EngineTestbench.WRAPPER, "-Mdir", "obj", "-o", "sim", "tb.cpp"));
        argv.addAll(svFiles);
        Map<String, String> env = new HashMap<>();
        if (Tools.onPath("ccache")) {
            env.put("OBJCACHE", "ccache");
        }
        return new Command(argv, env, dir);
    }

    /**
     * One program run's inputs.
     *
     * @param dram      the DRAM image: address to words, written as {@code @address} runs
     * @param dmaProg   the DMA stream's words
     * @param cmpProg   the compute stream's words
     * @param outLo     first word of the output region
     * @param outHi     last word of the output region (inclusive)
     * @param bytesNum  DRAM effective bytes per cycle = bytesNum / bytesDen
     * @param bytesDen  see bytesNum
     * @param latency   DRAM read latency, cycles
     * @param limit     cycle limit of the run
     * @param vcd       a waveform file to write, or null
     * @param bufferInit  engine buffer (0 A, 1 B, 2 C) to its words at time 0 (fused operands left on chip)
     * @param bufferDump  engine buffer to the word range {lo, hi} to read back at the end (fused results)
     */
    public record Input(Map<Long, long[]> dram, int[] dmaProg, int[] cmpProg, long outLo, long outHi, long bytesNum,
                        long bytesDen, long latency, long limit, Duration timeout, Path vcd,
                        Map<Integer, Map<Long, long[]>> bufferInit, Map<Integer, long[]> bufferDump) {
        public Input(Map<Long, long[]> dram, int[] dmaProg, int[] cmpProg, long outLo, long outHi, long bytesNum,
                     long bytesDen, long latency, long limit, Duration timeout, Path vcd) {
            this(dram, dmaProg, cmpProg, outLo, outHi, bytesNum, bytesDen, latency, limit, timeout, vcd, Map.of(), Map.of());
        }
    }

    /** Runs one program. */
    public static Result run(Build b, Path work, Input in) {
        Map<Long, long[]> dram = in.dram();
        int[] dmaProg = in.dmaProg();
        int[] cmpProg = in.cmpProg();
        long outLo = in.outLo();
        long outHi = in.outHi();
        long limit = in.limit();
        Duration timeout = in.timeout();
        Path vcd = in.vcd();
        String label = b.testbench().label();
        int pw = b.testbench().shell().programDepth() * b.testbench().shell().words();
        if (dmaProg.length > pw || cmpProg.length > pw) {
            throw new IllegalArgumentException("tile program of " + Math.max(dmaProg.length, cmpProg.length) / 16
                    + " instructions does not fit the engine's program memory of " + pw / 16);
        }
        try {
            Files.createDirectories(work);
            Path img = work.resolve("dram.hex");
            writeImage(img, dram);
            writeProgram(work.resolve("dma.hex"), dmaProg);
            writeProgram(work.resolve("cmp.hex"), cmpProg);
            Path out = work.resolve("out.hex");
            Path raw = work.resolve("raw.hex");
            Files.deleteIfExists(out);
            Files.deleteIfExists(raw);
            List<String> argv = new ArrayList<>(b.runArgv());
            argv.addAll(List.of("+dram=" + img.toAbsolutePath(), "+dprog=" + work.resolve("dma.hex").toAbsolutePath(),
                    "+cprog=" + work.resolve("cmp.hex").toAbsolutePath(), "+nd=" + dmaProg.length, "+nc=" + cmpProg.length,
                    "+limit=" + limit, "+bnum=" + in.bytesNum(), "+bden=" + in.bytesDen(), "+lat=" + in.latency()));
            if (outHi >= outLo) {
                argv.addAll(List.of("+cout=" + out.toAbsolutePath(), "+craw=" + raw.toAbsolutePath(), "+clo=" + outLo,
                        "+chi=" + outHi));
            }
            if (vcd != null) {
                argv.add("+vcd=" + vcd.toAbsolutePath());
            }
            for (Map.Entry<Integer, Map<Long, long[]>> e : in.bufferInit().entrySet()) {
                Path f = work.resolve("buffer" + e.getKey() + ".hex");
                writeImage(f, e.getValue());
                argv.add("+mem" + e.getKey() + "=" + f.toAbsolutePath());
            }
            Map<Integer, Path> dumps = new java.util.TreeMap<>();
            for (Map.Entry<Integer, long[]> e : in.bufferDump().entrySet()) {
                Path f = work.resolve("buffer" + e.getKey() + "-out.hex");
                Files.deleteIfExists(f);
                dumps.put(e.getKey(), f);
                argv.addAll(List.of("+mem" + e.getKey() + "out=" + f.toAbsolutePath(), "+mem" + e.getKey() + "lo=" + e.getValue()[0],
                        "+mem" + e.getKey() + "hi=" + e.getValue()[1]));
            }
            Files.writeString(work.resolve("command.txt"), String.join(" ", argv) + "\n");
            Path log = work.resolve("run.log");
            long t0 = System.nanoTime();
            // A 16-chain FlightLLM engine with a 2,048-lane DRAM port overflowed the default 8 MiB stack
            // (segmentation fault; it ran with an unlimited one), so the run raises its stack limit (to the hard
            // limit when unlimited is refused) and then execs the simulator.
            List<String> shell = new ArrayList<>(List.of("/bin/sh", "-c",
                    "ulimit -s unlimited 2>/dev/null || ulimit -s \"$(ulimit -H -s)\" 2>/dev/null; exec \"$0\" \"$@\""));
            shell.addAll(argv);
            Process p = new ProcessBuilder(shell).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new SimulationException(b.simulator() + " simulation of " + label + " exceeded its wall-clock timeout of "
                        + timeout.toSeconds() + " s; log: " + log);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            String result = null;
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith("TIMEOUT")) {
                    throw new SimulationException(b.simulator() + " simulation of " + label + " hung: done not raised within "
                            + limit + " cycles; log: " + log);
                }
                if (line.startsWith("DRAM-ERROR")) {
                    throw new SimulationException(b.simulator() + " simulation of " + label + ": " + line + "; log: " + log);
                }
                if (line.startsWith("RESULT ")) {
                    result = line;
                }
            }
            if (result == null || p.exitValue() != 0) {
                throw new SimulationException(b.simulator() + " testbench of " + label + " ended without a result (exit code "
                        + p.exitValue() + "); log: " + log);
            }
            String[] f = result.trim().split("\\s+");
            Map<Integer, long[]> buffers = new java.util.TreeMap<>();
            for (Map.Entry<Integer, Path> e : dumps.entrySet()) {
                long[] range = in.bufferDump().get(e.getKey());
                buffers.put(e.getKey(), readHex(e.getValue(), range[1] - range[0] + 1));
            }
            boolean dramOut = outHi >= outLo;
            return new Result(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]),
                    dramOut ? readHex(out, outHi - outLo + 1) : new long[0], dramOut ? readHex(raw, outHi - outLo + 1) : new long[0],
                    seconds, buffers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimulationException("simulation of " + label + " interrupted");
        }
    }

    private static void writeImage(Path f, Map<Long, long[]> image) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(f)) {
            for (Map.Entry<Long, long[]> e : image.entrySet()) {
                w.write("@" + Long.toHexString(e.getKey()) + "\n");
                StringBuilder sb = new StringBuilder();
                for (long v : e.getValue()) {
                    sb.append(Long.toHexString(v & 0xFFFFFFFFL)).append('\n');
                    if (sb.length() > 1 << 16) {
                        w.write(sb.toString());
                        sb.setLength(0);
                    }
                }
                w.write(sb.toString());
            }
        }
    }

    private static void writeProgram(Path f, int[] words) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int w : words) {
            sb.append(Integer.toHexString(w)).append('\n');
        }
        if (words.length == 0) {
            sb.append("0\n");
        }
        Files.writeString(f, sb.toString());
    }

    /** The words of a $writememh file (comments and address lines skipped); x or z digits read as 0. */
    static long[] readHex(Path f, long count) throws IOException {
        long[] out = new long[(int) count];
        if (!Files.exists(f)) {
            throw new SimulationException("the testbench wrote no output file " + f);
        }
        int n = 0;
        for (String line : Files.readAllLines(f)) {
            String s = line.trim();
            if (s.isEmpty() || s.startsWith("//") || s.startsWith("@")) {
                continue;
            }
            if (n < out.length) {
                out[n] = Long.parseLong(s.replaceAll("[xXzZ]", "0"), 16);
            }
            n++;
        }
        if (n != count) {
            throw new SimulationException("the testbench wrote " + n + " output words to " + f + ", expected " + count);
        }
        return out;
    }
}
