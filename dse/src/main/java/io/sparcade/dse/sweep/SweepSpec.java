package io.sparcade.dse.sweep;

import io.sparcade.model.SpecException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A declarative sweep: designs with their axes, how each point's mapping is searched, the objectives of the
 * Pareto front, and the seed every random choice derives from. Immutable; {@code text} is the YAML it was read
 * from, so the same sweep can be shipped to other machines and fingerprinted for {@code --resume}.
 *
 * @param name       sweep name
 * @param source     file or preset it came from, for messages
 * @param text       the YAML text
 * @param seed       root seed (mapping searches derive theirs from it and the point id)
 * @param search     mapping search per point
 * @param objectives metrics of the Pareto front (all minimised)
 * @param designs    the designs
 */
public record SweepSpec(String name, String source, String text, long seed, SearchSpec search,
                        List<Metric> objectives, List<DesignSpec> designs) implements java.io.Serializable {
    public SweepSpec {
        objectives = List.copyOf(objectives);
        designs = List.copyOf(designs);
        if (objectives.isEmpty()) {
            throw new SpecException(source, "objectives", "at least one objective is required");
        }
        if (designs.isEmpty()) {
            throw new SpecException(source, "designs", "at least one design is required");
        }
    }

    public long size() {
        long n = 0;
        for (DesignSpec d : designs) {
            n = Math.addExact(n, Math.multiplyExact(d.pointsPerWorkload(), d.workloads().size()));
        }
        return n;
    }

    /** Every point, in id order: designs in order, then workloads, then axes (first axis outermost). */
    public List<DesignPoint> points() {
        List<DesignPoint> out = new ArrayList<>();
        long id = 0;
        for (int d = 0; d < designs.size(); d++) {
            DesignSpec ds = designs.get(d);
            for (String w : ds.workloads()) {
                int[] idx = new int[ds.axes().size()];
                for (long i = 0; i < ds.pointsPerWorkload(); i++) {
                    List<String> values = new ArrayList<>(idx.length);
                    for (int a = 0; a < idx.length; a++) {
                        values.add(ds.axes().get(a).values().get(idx[a]));
                    }
                    out.add(new DesignPoint(id++, d, w, values));
                    for (int a = idx.length - 1; a >= 0; a--) {
                        if (++idx[a] < ds.axes().get(a).values().size()) {
                            break;
                        }
                        idx[a] = 0;
                    }
                }
            }
        }
        return out;
    }

    /** Every axis path of every design, first appearance first: the axis columns of the outputs. */
    public List<String> axisColumns() {
        Set<String> cols = new LinkedHashSet<>();
        designs.forEach(d -> d.axes().forEach(a -> cols.add(a.path())));
        return List.copyOf(cols);
    }

    /** SHA-256 of the sweep's text: a run directory remembers it so {@code --resume} refuses another sweep. */
    public String fingerprint() {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
