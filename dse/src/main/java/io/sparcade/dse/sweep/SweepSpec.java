package io.sparcade.dse.sweep;

import io.sparcade.model.SpecException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * A declarative sweep: designs with their axes, how each point's mapping is searched, the objectives of the
 * Pareto front, the seed every random choice derives from and, optionally, an exploration that evaluates only the
 * points a multi-objective search picks. Immutable; {@code text} is the YAML it was read from, so the same sweep
 * can be shipped to other machines and fingerprinted for {@code --resume}.
 *
 * <p>Points are numbered, never listed: {@link #point(long)} builds the point with a given id on demand, so a sweep
 * of any size costs no memory until its points are used.
 *
 * @param name       sweep name
 * @param source     file or preset it came from, for messages
 * @param text       the YAML text
 * @param seed       root seed (mapping searches derive theirs from it and the point id)
 * @param search     mapping search per point
 * @param objectives metrics of the Pareto front (all minimised)
 * @param designs    the designs
 * @param explore    the exploration, or null to evaluate every point
 */
public record SweepSpec(String name, String source, String text, long seed, SearchSpec search,
                        List<Metric> objectives, List<DesignSpec> designs, ExploreSpec explore)
        implements java.io.Serializable {
    public SweepSpec {
        objectives = List.copyOf(objectives);
        designs = List.copyOf(designs);
        if (objectives.isEmpty()) {
            throw new SpecException(source, "objectives", "at least one objective is required");
        }
        if (designs.isEmpty()) {
            throw new SpecException(source, "designs", "at least one design is required");
        }
        BigInteger n = exactSize(designs);
        if (n.bitLength() > 62) {
            throw new SpecException(source, "designs", "the sweep has " + n + " points, more than can be numbered "
                    + "(2^62); split it into several sweeps");
        }
    }

    /** This sweep with another exploration (null: evaluate every point), e.g. from {@code --explore}. */
    public SweepSpec withExplore(ExploreSpec e) {
        return new SweepSpec(name, source, text, seed, search, objectives, designs, e);
    }

    /** Points of the sweep: the sum over designs and workloads of the product of the axis sizes, exactly. */
    public BigInteger exactSize() {
        return exactSize(designs);
    }

    private static BigInteger exactSize(List<DesignSpec> designs) {
        BigInteger n = BigInteger.ZERO;
        for (DesignSpec d : designs) {
            BigInteger per = BigInteger.ONE;
            for (Axis a : d.axes()) {
                per = per.multiply(BigInteger.valueOf(a.values().size()));
            }
            n = n.add(per.multiply(BigInteger.valueOf(d.workloads().size())));
        }
        return n;
    }

    /** Points of the sweep (always below 2^62: a larger sweep is refused when built). */
    public long size() {
        return exactSize().longValueExact();
    }

    /**
     * One design on one workload: the points {@code first .. first + size - 1}, each a combination of the design's
     * axis values (first axis outermost). Pareto fronts and plots are per group.
     *
     * @param index    position among the sweep's groups
     * @param design   index of the design
     * @param workload the workload reference
     * @param first    id of the group's first point
     * @param size     points in the group
     */
    public record Group(int index, int design, String workload, long first, long size) {
        public boolean contains(long id) {
            return id >= first && id - first < size;
        }
    }

    /** The groups in id order: designs in order, then each design's workloads. */
    public List<Group> groups() {
        List<Group> out = new ArrayList<>();
        long first = 0;
        for (int d = 0; d < designs.size(); d++) {
            DesignSpec ds = designs.get(d);
            for (String w : ds.workloads()) {
                out.add(new Group(out.size(), d, w, first, ds.pointsPerWorkload()));
                first += ds.pointsPerWorkload();
            }
        }
        return out;
    }

    /** The group holding point {@code id}. */
    public Group groupOf(long id) {
        for (Group g : groups()) {
            if (g.contains(id)) {
                return g;
            }
        }
        throw new IllegalArgumentException("no point " + id + " in a sweep of " + size() + " points");
    }

    /** The point with this id: its group, then its axis values by mixed-radix decoding (last axis fastest). */
    public DesignPoint point(long id) {
        Group g = groupOf(id);
        List<Axis> axes = designs.get(g.design()).axes();
        String[] values = new String[axes.size()];
        long rest = id - g.first();
        for (int a = axes.size() - 1; a >= 0; a--) {
            int n = axes.get(a).values().size();
            values[a] = axes.get(a).values().get((int) (rest % n));
            rest /= n;
        }
        return new DesignPoint(id, g.design(), g.workload(), List.of(values));
    }

    /** The id of the point of group {@code g} whose axis value indices are {@code index} (first axis outermost). */
    public long id(Group g, int[] index) {
        List<Axis> axes = designs.get(g.design()).axes();
        long local = 0;
        for (int a = 0; a < axes.size(); a++) {
            local = local * axes.get(a).values().size() + index[a];
        }
        return g.first() + local;
    }

    /** Every point, in id order, built lazily. */
    public Stream<DesignPoint> points() {
        return LongStream.range(0, size()).mapToObj(this::point);
    }

    /** Every axis path of every design, first appearance first: the axis columns of the outputs. */
    public List<String> axisColumns() {
        Set<String> cols = new LinkedHashSet<>();
        designs.forEach(d -> d.axes().forEach(a -> cols.add(a.path())));
        return List.copyOf(cols);
    }

    /**
     * SHA-256 of the sweep's text and of its exploration, if any: a run directory remembers it so {@code --resume}
     * refuses another sweep (an exploration given on the command line counts as part of the sweep).
     */
    public String fingerprint() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(text.getBytes(StandardCharsets.UTF_8));
            if (explore != null) {
                md.update(("\nexplore: " + explore.describe()).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
