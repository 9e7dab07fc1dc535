package io.sparcade.hwsim.energy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Energy per action in picojoules, with the source of every number (Accelergy's split: the simulator counts
 * actions, the table prices them). Read from a CSV with columns {@code action, unit, energy_pj, source}; every
 * {@link Action} must be priced.
 */
public final class EnergyTable {
    private static final String DEFAULT = "/io/sparcade/hwsim/energy/horowitz-45nm.csv";
    private final Map<Action, Double> pj;
    private final Map<Action, String> sources;
    private final String name;

    private EnergyTable(String name, Map<Action, Double> pj, Map<Action, String> sources) {
        this.name = name;
        this.pj = Map.copyOf(pj);
        this.sources = Map.copyOf(sources);
    }

    /** The default table: Horowitz, ISSCC 2014, 45 nm, plus marked estimates. */
    public static EnergyTable defaults() {
        try (InputStream in = EnergyTable.class.getResourceAsStream(DEFAULT)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULT);
            }
            return parse("horowitz-45nm.csv", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static EnergyTable load(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Parses the CSV text; fails with the file, line and field on any problem. */
    public static EnergyTable parse(String source, String csv) {
        Map<Action, Double> pj = new EnumMap<>(Action.class);
        Map<Action, String> src = new EnumMap<>(Action.class);
        List<String> lines = csv.lines().toList();
        if (lines.isEmpty() || !lines.get(0).replace(" ", "").startsWith("action,unit,energy_pj,source")) {
            throw new IllegalArgumentException(source + ":1: header must be action,unit,energy_pj,source");
        }
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", 4);
            if (f.length < 4) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": expected 4 fields, got " + f.length);
            }
            Action a = null;
            for (Action x : Action.values()) {
                if (x.id().equals(f[0].trim())) {
                    a = x;
                }
            }
            if (a == null) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": action: unknown '" + f[0].trim() + "'");
            }
            double v;
            try {
                v = Double.parseDouble(f[2].trim());
            } catch (NumberFormatException e) {
                v = -1;
            }
            if (!(v >= 0)) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": energy_pj: expected a number >= 0, got '" + f[2].trim() + "'");
            }
            String s = f[3].trim();
            if (s.startsWith("\"") && s.endsWith("\"") && s.length() >= 2) {
                s = s.substring(1, s.length() - 1);
            }
            if (s.isEmpty()) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": source: every energy must name its source");
            }
            pj.put(a, v);
            src.put(a, s);
        }
        for (Action a : Action.values()) {
            if (!pj.containsKey(a)) {
                throw new IllegalArgumentException(source + ": action: no energy for '" + a.id() + "'");
            }
        }
        return new EnergyTable(source, pj, src);
    }

    public double pj(Action a) {
        return pj.get(a);
    }

    public String source(Action a) {
        return sources.get(a);
    }

    public String name() {
        return name;
    }

    /** Dynamic energy of the counted actions, pJ. */
    public double price(ActionCounts counts) {
        double e = 0;
        for (Map.Entry<Action, Long> c : counts.asMap().entrySet()) {
            e += c.getValue() * pj.get(c.getKey());
        }
        return e;
    }
}
