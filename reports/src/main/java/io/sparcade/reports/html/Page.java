package io.sparcade.reports.html;

import java.util.List;
import java.util.Objects;

/**
 * One self-contained HTML report, as a value: what {@link HtmlReport} renders. The page is a list of typed
 * {@link Section}s laid out by the template, an optional {@link View} (the page's own script, which draws the
 * charts and panels its sections leave empty from {@code data}), and {@code data}: any value Jackson can write
 * (records, lists, maps), embedded once as JSON and handed to the view script as {@code Sparcade.data}.
 *
 * <p>A page without a view draws only what its sections carry: tables, code, text and charts given as Apache
 * ECharts options built in Java ({@link Section.Chart#option()}). That is enough for a command that wants a
 * page without writing JavaScript.
 *
 * @param title    the page title (also the browser tab's)
 * @param subtitle one line under the title, or null
 * @param command  the exact command that produced the report, or null
 * @param view     the page's script, or null for sections only
 * @param sections the sections, in page order
 * @param data     the view's data (null when the page has no view)
 */
public record Page(String title, String subtitle, String command, View view, List<Section> sections, Object data) {
    public Page {
        Objects.requireNonNull(title, "title");
        sections = List.copyOf(sections);
        long ids = sections.stream().map(Section::id).filter(Objects::nonNull).distinct().count();
        if (ids != sections.stream().map(Section::id).filter(Objects::nonNull).count()) {
            throw new IllegalArgumentException("page '" + title + "': two sections share an id");
        }
    }
}
