package io.sparcade.model.spec;

import io.sparcade.model.SpecException;
import io.sparcade.model.workload.Conv2d;
import io.sparcade.model.workload.Gemm;
import io.sparcade.model.workload.Shape;
import io.sparcade.model.workload.Workload;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a SCALE-Sim topology CSV as a workload of independent layers. Two forms, told apart by the header:
 * conv ({@code Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter,
 * Strides,}) and GEMM ({@code Layer Name, M, N, K,}). As in SCALE-Sim the first line is a header, blank lines
 * are skipped, values are trimmed, fields after the last header column are ignored, there is no batch, and a
 * conv's output counts a last partial window; a GEMM row M, N, K is an M x K activation times a K x N weight.
 */
public final class ScaleSimTopology {
    private static final int CONV_FIELDS = 8;
    private static final int GEMM_FIELDS = 4;
    private static final String[] CONV_NAMES = {"Layer name", "IFMAP Height", "IFMAP Width", "Filter Height",
        "Filter Width", "Channels", "Num Filter", "Strides"};
    private static final String[] GEMM_NAMES = {"Layer Name", "M", "N", "K"};

    private ScaleSimTopology() {
    }

    public static Workload read(Path file) {
        String source = file.toString();
        List<String> lines = Specs.read(file).lines().toList();
        int headerLine = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                headerLine = i;
                break;
            }
        }
        if (headerLine < 0) {
            throw new SpecException(source, null, "empty topology file");
        }
        String[] header = fields(lines.get(headerLine));
        boolean gemm = header.length >= GEMM_FIELDS && header[1].equalsIgnoreCase("M")
                && header[2].equalsIgnoreCase("N") && header[3].equalsIgnoreCase("K");
        if (!gemm && header.length < CONV_FIELDS) {
            throw new SpecException(source + ":" + (headerLine + 1), null,
                    "header has " + header.length + " columns; expected the conv form (" + String.join(", ", CONV_NAMES)
                            + ") or the GEMM form (" + String.join(", ", GEMM_NAMES) + ")");
        }
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Workload.Builder b = new Workload.Builder(stem).description("SCALE-Sim topology " + file.getFileName());
        Set<String> names = new HashSet<>();
        int layers = 0;
        for (int i = headerLine + 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String where = source + ":" + (i + 1);
            String[] f = fields(lines.get(i));
            int need = gemm ? GEMM_FIELDS : CONV_FIELDS;
            if (f.length < need) {
                throw new SpecException(where, null, "expected " + need + " fields, got " + f.length);
            }
            String name = unique(f[0].isEmpty() ? "layer" + layers : f[0].replaceAll("\\s+", "_"), names);
            String in = name + ".in";
            try {
                if (gemm) {
                    long m = value(f, 1, GEMM_NAMES, where);
                    long n = value(f, 2, GEMM_NAMES, where);
                    long k = value(f, 3, GEMM_NAMES, where);
                    b.input(in, Shape.of(m, k)).op(new Gemm(name, List.of(in), m, k, n, 8, 8));
                } else {
                    long h = value(f, 1, CONV_NAMES, where);
                    long w = value(f, 2, CONV_NAMES, where);
                    long fh = value(f, 3, CONV_NAMES, where);
                    long fw = value(f, 4, CONV_NAMES, where);
                    long c = value(f, 5, CONV_NAMES, where);
                    long nf = value(f, 6, CONV_NAMES, where);
                    long s = value(f, 7, CONV_NAMES, where);
                    Conv2d conv = conv(name, in, c, h, w, nf, fh, fw, s);
                    b.input(in, Shape.of(1, c, conv.inH(), conv.inW())).op(conv);
                }
            } catch (SpecException e) {
                throw e.source() == null ? e.locate(where, "layer " + name) : e;
            }
            layers++;
        }
        if (layers == 0) {
            throw new SpecException(source, null, "no layers after the header");
        }
        return b.build();
    }

    /**
     * A conv layer with SCALE-Sim's output size. SCALE-Sim counts a last, partial window (topology_utils.py:
     * {@code ofmap = ceil((ifmap - filter + stride) / stride)}) where {@link Conv2d}'s floor formula drops it, so
     * the layer gets the padding that yields SCALE-Sim's size in both dimensions; when no single padding does
     * (a non-square input with an even stride), the input is instead widened to end with the last window.
     */
    private static Conv2d conv(String name, String in, long c, long h, long w, long nf, long fh, long fw, long s) {
        if (fh > h || fw > w) {
            return new Conv2d(name, List.of(in), 1, c, h, w, nf, fh, fw, s, 0, 8, 8); // fails, naming the kernel
        }
        long outH = (h - fh + 2 * s - 1) / s;
        long outW = (w - fw + 2 * s - 1) / s;
        long extraH = (outH - 1) * s + fh - h; // input rows the last window reaches past the edge, < s
        long extraW = (outW - 1) * s + fw - w;
        long pad = (Math.max(extraH, extraW) + 1) / 2;
        Conv2d padded = new Conv2d(name, List.of(in), 1, c, h, w, nf, fh, fw, s, pad, 8, 8);
        if (padded.outH() == outH && padded.outW() == outW) {
            return padded;
        }
        return new Conv2d(name, List.of(in), 1, c, h + extraH, w + extraW, nf, fh, fw, s, 0, 8, 8);
    }

    private static String[] fields(String line) {
        String[] raw = line.split(",", -1);
        int n = raw.length;
        while (n > 0 && raw[n - 1].trim().isEmpty()) {
            n--;
        }
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = raw[i].trim();
        }
        return out;
    }

    private static long value(String[] f, int idx, String[] names, String where) {
        try {
            long v = Long.parseLong(f[idx]);
            if (v <= 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new SpecException(where, names[idx], "expected a positive integer, got '" + f[idx] + "'");
        }
    }

    private static String unique(String name, Set<String> names) {
        String n = name;
        for (int i = 2; !names.add(n.toLowerCase(Locale.ROOT)); i++) {
            n = name + "_" + i;
        }
        return n;
    }
}
