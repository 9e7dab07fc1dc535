package io.sparcade.reports.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparcade.reports.html.Section.Cell;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The page renderer: one self-contained file, text escaped, data embedded once and inert inside its script. */
class HtmlReportTest {
    private static final String NASTY = "</script><script>alert(1)</script> & <b>bold</b> \u2028 line";

    private static Page page(Object data) {
        return new Page("T <i>title</i>", "sub", "sparcade demo --out 'a b'", null, List.of(
                new Section.Table("t", "Table", "note", List.of("name", "value"),
                        List.of(List.of(Cell.text(NASTY), Cell.number(1234.5678)), List.of(Cell.text("x"), Cell.number(Double.NaN)))),
                new Section.Code("c", "Code", "a: <1>\n", true),
                new Section.Text(null, "Text", "first paragraph\n\nsecond <p>")), data);
    }

    @Test
    void aMissingNumberIsNullInTheDataNotAString() throws Exception {
        JsonNode data = embedded(HtmlReport.render(page(new double[] {1, Double.NaN, Double.NEGATIVE_INFINITY, 2.5e-7}))).get("data");
        assertThat(data.toString()).isEqualTo("[1,null,null,2.5E-7]");
    }

    /** The JSON between the data element's tags, as the browser's JSON.parse would see it. */
    private static JsonNode embedded(String html) throws Exception {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"sparcade-data\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertThat(m.find()).isTrue();
        String json = m.group(1);
        assertThat(m.find()).as("data embedded once").isFalse();
        return new ObjectMapper().readTree(json);
    }

    @Test
    void dataIsEmbeddedOnceAndAnyTextInItStaysInsideItsScript() throws Exception {
        String html = HtmlReport.render(page(Map.of("text", NASTY, "nan", Double.NaN, "values", new double[] {1.5, Double.POSITIVE_INFINITY})));
        JsonNode data = embedded(html).get("data");
        assertThat(data.get("text").asText()).isEqualTo(NASTY);
        assertThat(data.get("nan").isNull()).isTrue();
        assertThat(data.get("values").get(0).asDouble()).isEqualTo(1.5);
        assertThat(data.get("values").get(1).isNull()).isTrue();
        // the only script elements are the page's own five (data, ECharts, runtime, start) - none from the text
        assertThat(html.split("<script", -1)).hasSize(1 + 4);
        assertThat(html).doesNotContain("<script>alert(1)");
    }

    @Test
    void textIsEscapedAndNumbersSortByValue() {
        String full = HtmlReport.render(page(null));
        String html = full.substring(full.indexOf("<header>"), full.indexOf("<script"));
        assertThat(full).contains("<title>T &lt;i&gt;title&lt;/i&gt;</title>");
        assertThat(html).contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;")
                .contains("a: &lt;1&gt;").contains("<p>second &lt;p&gt;</p>").contains("<p>first paragraph</p>")
                .contains("sparcade demo --out 'a b'");
        assertThat(html).contains("<td data-sort=\"1234.5678\">1235</td>").doesNotContain("NaN");
    }

    @Test
    void theFileNeedsNoNetwork() {
        String html = HtmlReport.render(page(null));
        assertThat(html).doesNotContainPattern("<script[^>]+src=").doesNotContainPattern("<link[^>]+href=");
        assertThat(html).contains("Apache ECharts " + HtmlReport.Echarts.VERSION).contains("echarts.init");
        // ECharts 5.3.1 is about 1 MB minified: the whole library is inlined
        assertThat(html.length()).isGreaterThan(900_000);
    }

    @Test
    void badPagesAreRefusedWhenBuilt() {
        assertThatThrownBy(() -> new Page("p", null, null, null, List.of(new Section.Panel("a", null, null),
                new Section.Panel("a", null, null)), null)).hasMessageContaining("two sections share an id");
        assertThatThrownBy(() -> new Section.Panel("1x", null, null)).hasMessageContaining("section id '1x'");
        assertThatThrownBy(() -> new Section.Table("t", "t", null, List.of("a", "b"), List.of(List.of(Cell.text("x")))))
                .hasMessageContaining("a row has 1 cells for 2 columns");
        assertThatThrownBy(() -> new Section.Chart("c", "c", null, 10, null)).hasMessageContaining("height 10 px");
    }

    @Test
    void numbersAreShownWithFourSignificantDigits() {
        assertThat(List.of(Cell.number(1234567), Cell.number(0.012345), Cell.number(1.5e-7), Cell.number(2.0)))
                .extracting(Cell::text).containsExactly("1,234,567", "0.01235", "1.500e-07", "2");
    }
}
