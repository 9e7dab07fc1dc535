package io.sparcade.reports.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** One block of a {@link Page}, rendered by the page template in page order. */
public sealed interface Section permits Section.Table, Section.Chart, Section.Panel, Section.Code, Section.Text {
    /** The block's element id (letters, digits, '-' and '_'), or null for blocks nobody addresses. */
    String id();

    /** The block's heading, or null for none. */
    String title();

    /**
     * A table rendered in the HTML itself; a click on a column heading sorts by that column (numbers by value).
     *
     * @param id      element id
     * @param title   heading
     * @param note    a line under the heading, or null
     * @param columns column headings
     * @param rows    cells, one list per row, as many as columns
     */
    record Table(String id, String title, String note, List<String> columns, List<List<Cell>> rows) implements Section {
        public Table {
            checkId(id);
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
            for (List<Cell> r : rows) {
                if (r.size() != columns.size()) {
                    throw new IllegalArgumentException("table " + id + ": a row has " + r.size() + " cells for "
                            + columns.size() + " columns");
                }
            }
        }
    }

    /**
     * A chart: an Apache ECharts option built in Java, or, with a null option, an empty container the page's
     * {@link View} script draws into.
     *
     * @param id     element id
     * @param title  heading
     * @param note   a line under the heading, or null
     * @param height height in CSS pixels
     * @param option the ECharts option (plain JSON: no functions), or null
     */
    record Chart(String id, String title, String note, int height, JsonNode option) implements Section {
        public Chart {
            checkId(id);
            if (height < 50 || height > 4000) {
                throw new IllegalArgumentException("chart " + id + ": height " + height + " px outside 50..4000");
            }
        }
    }

    /**
     * An empty container the page's {@link View} script fills (controls, tables built from the data).
     *
     * @param id    element id
     * @param title heading, or null
     * @param note  a line under the heading, or null
     */
    record Panel(String id, String title, String note) implements Section {
        public Panel {
            checkId(id);
        }
    }

    /**
     * Preformatted text (a spec in YAML, a log), collapsed under its title unless {@code open}.
     *
     * @param id    element id, or null
     * @param title heading
     * @param text  the text
     * @param open  shown expanded
     */
    record Code(String id, String title, String text, boolean open) implements Section {
        public Code {
            if (id != null) {
                checkId(id);
            }
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * Paragraphs of plain text (blank lines separate paragraphs).
     *
     * @param id    element id, or null
     * @param title heading, or null
     * @param text  the text
     */
    record Text(String id, String title, String text) implements Section {
        public Text {
            if (id != null) {
                checkId(id);
            }
            Objects.requireNonNull(text, "text");
        }

        public List<String> paragraphs() {
            return List.of(text.strip().split("\\n\\s*\\n"));
        }
    }

    /**
     * One table cell: the text shown, the number it sorts by (null: sorts as text), and a tone for its colour.
     *
     * @param text shown text
     * @param sort sort key, or null
     * @param tone colour
     */
    record Cell(String text, Double sort, Tone tone) {
        public Cell {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(tone, "tone");
        }

        /** Text, sorted as text. */
        public static Cell text(String text) {
            return new Cell(text == null ? "" : text, null, Tone.PLAIN);
        }

        /** A number shown with 4 significant digits (integers in full, with thousands separators); NaN is blank. */
        public static Cell number(double v) {
            return Double.isFinite(v) ? new Cell(format(v), v, Tone.PLAIN) : new Cell("", null, Tone.PLAIN);
        }

        /** {@code pass} or {@code fail}, coloured. */
        public static Cell verdict(boolean pass) {
            return new Cell(pass ? "pass" : "fail", pass ? 1.0 : 0.0, pass ? Tone.GOOD : Tone.BAD);
        }

        /** The CSS class of the tone, or null for plain. */
        public String css() {
            return tone.css;
        }

        /** The sort key as text for the {@code data-sort} attribute, or null. */
        public String sortKey() {
            return sort == null ? null : Double.toString(sort);
        }

        static String format(double v) {
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                return String.format(Locale.ROOT, "%,d", (long) v);
            }
            if (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e15) {
                return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
            }
            return String.format(Locale.ROOT, "%.3e", v);
        }
    }

    /** A cell's style: colour, or long text that wraps. */
    enum Tone {
        PLAIN(null), GOOD("good"), BAD("bad"), MUTED("muted"), WRAP("wrap");

        private final String css;

        Tone(String css) {
            this.css = css;
        }
    }

    private static void checkId(String id) {
        if (id == null || !id.matches("[A-Za-z][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("section id '" + id + "': letters, digits, '-' and '_', starting with a letter");
        }
    }
}
