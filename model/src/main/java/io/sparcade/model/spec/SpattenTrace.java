package io.sparcade.model.spec;

import io.sparcade.model.SpecException;
import io.sparcade.model.presets.AttentionLayer;
import io.sparcade.model.workload.Workload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a SpAtten workload trace (papers.md §2: one row per generation iteration, layer and head; columns
 * iteration_id, layer_id, head_id, embedding_length_D, sentence_length_L, key_fetch_num, quant_key_bit,
 * quant_query_bit, auto_requant_thres, if_requant, auto_requant_incre, value_fetch_num, quant_value_bit,
 * if_accumulate_importance, if_rescale_previous_importance, if_topk, topk; -1 means not used) as a workload:
 * one fused attention layer ({@link AttentionLayer}) per iteration and layer, over every head of the model
 * (heads missing from the trace were pruned). What the trace fetched is the overlay: heads present, mean keys
 * and values fetched per head, quantised bits, the top-k's kept tokens; so the dense baseline fetches every
 * head's L keys and values unquantised. A line whose first field is not a number (the authors' config path
 * at the end) is skipped.
 */
public final class SpattenTrace {
    public static final List<String> COLUMNS = List.of("iteration_id", "layer_id", "head_id", "embedding_length_D",
            "sentence_length_L", "key_fetch_num", "quant_key_bit", "quant_query_bit", "auto_requant_thres", "if_requant",
            "auto_requant_incre", "value_fetch_num", "quant_value_bit", "if_accumulate_importance",
            "if_rescale_previous_importance", "if_topk", "topk");

    /** Width of an unquantised K/V element: the traces' unquantised query width (quant_query_bit = 16). */
    public static final int UNQUANTISED_BITS = 16;

    private SpattenTrace() {
    }

    private record Row(long iteration, long layer, long head, long d, long l, long keys, int keyBits, boolean requant,
                       int requantBits, long values, int valueBits, boolean topk, long topkK) {
    }

    /**
     * @param requantFraction fraction of rows that re-fetch the LSBs when the trace enables requantisation (the
     *                        trace does not say how many rows do)
     */
    public static Workload read(Path file, double requantFraction) {
        return read(file, requantFraction, UNQUANTISED_BITS);
    }

    /**
     * @param requantFraction fraction of rows that re-fetch the LSBs when the trace enables requantisation
     * @param unquantisedBits width of an unquantised K/V element (the dense baseline's; a trace's quantised widths
     *                        are capped at it)
     */
    public static Workload read(Path file, double requantFraction, int unquantisedBits) {
        String source = file.toString();
        List<String> lines = Specs.read(file).lines().toList();
        if (lines.isEmpty()) {
            throw new SpecException(source, null, "empty trace");
        }
        List<String> header = List.of(lines.get(0).trim().split(",", -1));
        Map<String, Integer> col = new LinkedHashMap<>();
        for (String c : COLUMNS) {
            int idx = header.indexOf(c);
            if (idx < 0) {
                throw new SpecException(source + ":1", c, "missing column (a SpAtten trace has " + String.join(", ", COLUMNS) + ")");
            }
            col.put(c, idx);
        }
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        long maxHead = 0;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || !Character.isDigit(line.charAt(0))) {
                continue;
            }
            String[] f = line.split(",", -1);
            String where = source + ":" + (i + 1);
            if (f.length < header.size()) {
                throw new SpecException(where, null, "expected " + header.size() + " fields, got " + f.length);
            }
            Row r = new Row(integer(f, col, "iteration_id", where, 0), integer(f, col, "layer_id", where, 0),
                    integer(f, col, "head_id", where, 0), integer(f, col, "embedding_length_D", where, 1),
                    integer(f, col, "sentence_length_L", where, 1), integer(f, col, "key_fetch_num", where, 1),
                    bitsOr(f, col, "quant_key_bit", where, unquantisedBits), bool(f, col, "if_requant", where),
                    (int) Math.max(0, integer(f, col, "auto_requant_incre", where, -1)),
                    integer(f, col, "value_fetch_num", where, 1), bitsOr(f, col, "quant_value_bit", where, unquantisedBits),
                    bool(f, col, "if_topk", where), integer(f, col, "topk", where, -1));
            if (r.keys() > r.l() || r.values() > r.l()) {
                throw new SpecException(where, "key_fetch_num", "fetches more than sentence_length_L=" + r.l());
            }
            maxHead = Math.max(maxHead, r.head());
            groups.computeIfAbsent(r.iteration() + "." + r.layer(), k -> new ArrayList<>()).add(r);
        }
        if (groups.isEmpty()) {
            throw new SpecException(source, null, "no data rows");
        }
        long heads = maxHead + 1;
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Workload.Builder b = new Workload.Builder(stem).description("SpAtten trace " + file.getFileName());
        java.util.Set<Long> iterations = new java.util.HashSet<>();
        for (List<Row> g : groups.values()) {
            Row first = g.get(0);
            iterations.add(first.iteration());
            double keys = g.stream().mapToLong(Row::keys).average().orElseThrow();
            double values = g.stream().mapToLong(Row::values).average().orElseThrow();
            long kept = g.stream().filter(Row::topk).mapToLong(Row::topkK).max().orElse(first.l());
            boolean requant = g.stream().anyMatch(Row::requant);
            new AttentionLayer("i" + first.iteration() + ".l" + first.layer() + ".", heads, first.d(), 1, first.l(),
                    unquantisedBits, g.size(), keys, values, Math.min(kept, first.l()), first.keyBits(),
                    first.valueBits(), requant ? first.requantBits() : 0, requant ? requantFraction : 0).addTo(b);
        }
        b.tokens(iterations.size()).parameter("requant_fraction", requantFraction)
                .parameter("unquantised_bits", unquantisedBits);
        return b.build();
    }

    private static long integer(String[] f, Map<String, Integer> col, String name, String where, long min) {
        String v = f[col.get(name)].trim();
        try {
            double d = Double.parseDouble(v);
            if (d != Math.rint(d) || d < min) {
                throw new NumberFormatException();
            }
            return (long) d;
        } catch (NumberFormatException e) {
            throw new SpecException(where, name, "expected an integer >= " + min + ", got '" + v + "'");
        }
    }

    private static int bitsOr(String[] f, Map<String, Integer> col, String name, String where, int unquantised) {
        long b = integer(f, col, name, where, -1);
        if (b == 0) {
            throw new SpecException(where, name, "expected -1 or a bit width > 0, got 0");
        }
        return b < 0 ? unquantised : (int) Math.min(b, unquantised);
    }

    private static boolean bool(String[] f, Map<String, Integer> col, String name, String where) {
        String v = f[col.get(name)].trim();
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new SpecException(where, name, "expected True or False, got '" + v + "'");
    }
}
