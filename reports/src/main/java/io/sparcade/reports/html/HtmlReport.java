package io.sparcade.reports.html;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Properties;

/**
 * Renders a {@link Page} to one self-contained HTML file: the page template ({@code src/main/jte/page.jte},
 * compiled at build time), the styles, Apache ECharts (from its WebJar), the runtime and the page's view script
 * are all inlined, and the page's data is embedded once as JSON. The file opens from the file system with no
 * network access.
 */
public final class HtmlReport {
    /** The name every command gives its report. */
    public static final String FILE = "report.html";

    private static final String ECHARTS_POM = "META-INF/maven/org.webjars.npm/echarts/pom.properties";
    private static final ObjectMapper JSON = mapper();
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(null, ContentType.Html, null,
            "io.sparcade.reports.html.jte");

    private HtmlReport() {
    }

    /**
     * What the template inlines besides the page: styles, scripts and the embedded JSON, each checked to hold no
     * {@code </script} or {@code </style} that would end its element early.
     *
     * @param css         styles
     * @param echarts     Apache ECharts (minified)
     * @param echartsName library name and version shown in the footer
     * @param runtime     the shared runtime ({@code report.js})
     * @param view        the page's view script, or null
     * @param json        the page's payload: {@code {"charts": {id: option}, "data": ...}}
     */
    public record Assets(String css, String echarts, String echartsName, String runtime, String view, String json) {
    }

    /** The page as HTML text. */
    public static String render(Page page) {
        Assets assets = new Assets(resource("report.css"), Echarts.SCRIPT, "Apache ECharts " + Echarts.VERSION,
                resource("report.js"), page.view() == null ? null : resource(page.view().script()), payload(page));
        checkInline("report.css", assets.css(), "</style");
        checkInline("echarts", assets.echarts(), "</script");
        checkInline("report.js", assets.runtime(), "</script");
        if (assets.view() != null) {
            checkInline(page.view().script(), assets.view(), "</script");
        }
        StringOutput out = new StringOutput(assets.echarts().length() + assets.json().length() + 64 * 1024);
        ENGINE.render("page.jte", java.util.Map.of("page", page, "assets", assets), out);
        return out.toString();
    }

    /** Writes the page to {@code file} atomically (a temporary file beside it, then moved into place). */
    public static Path write(Page page, Path file) throws IOException {
        String html = render(page);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Not createTempFile: its owner-only permissions would stay with the report.
        Path tmp = dir.resolve(".partial-" + java.util.UUID.randomUUID() + ".html");
        try {
            Files.writeString(tmp, html, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }

    /** The JSON embedded in the page: the Java-built chart options by section id, and the view's data. */
    static String payload(Page page) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode charts = root.putObject("charts");
        for (Section s : page.sections()) {
            if (s instanceof Section.Chart c && c.option() != null) {
                charts.set(c.id(), c.option());
            }
        }
        root.set("data", JSON.valueToTree(page.data()));
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("page '" + page.title() + "': its data cannot be written as JSON", e);
        }
    }

    /** The mapper for page data: records and collections; NaN and infinities as null; HTML-safe text. */
    public static ObjectMapper json() {
        return JSON;
    }

    private static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper();
        SimpleModule finite = new SimpleModule("finite-doubles");
        StdSerializer<Double> d = new StdSerializer<>(Double.class) {
            @Override
            public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
                if (v == null || !Double.isFinite(v)) {
                    g.writeNull();
                } else {
                    g.writeNumber(v);
                }
            }
        };
        finite.addSerializer(Double.class, d);
        finite.addSerializer(double.class, d);
        finite.addSerializer(double[].class, new StdSerializer<>(double[].class) {
            @Override
            public void serialize(double[] values, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeStartArray(values, values.length);
                for (double v : values) {
                    if (!Double.isFinite(v)) {
                        g.writeNull();
                    } else if (v == Math.rint(v) && Math.abs(v) < 0x1p53) {
                        g.writeNumber((long) v); // "128", not "128.0": same value, shorter
                    } else {
                        g.writeNumber(v);
                    }
                }
                g.writeEndArray();
            }
        });
        m.registerModule(finite);
        m.getFactory().setCharacterEscapes(new HtmlSafe());
        return m;
    }

    /** Escapes '<', '>', '&' and the JavaScript line separators, so JSON inside a script element stays inert. */
    private static final class HtmlSafe extends CharacterEscapes {
        private final int[] table;

        HtmlSafe() {
            table = standardAsciiEscapesForJSON();
            table['<'] = ESCAPE_STANDARD;
            table['>'] = ESCAPE_STANDARD;
            table['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return table;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch == 0x2028 || ch == 0x2029 ? new SerializedString(String.format(Locale.ROOT, "\\u%04x", ch)) : null;
        }
    }

    private static void checkInline(String name, String text, String closing) {
        if (text.toLowerCase(Locale.ROOT).contains(closing)) {
            throw new IllegalStateException(name + " contains '" + closing + "' and cannot be inlined");
        }
    }

    static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " beside " + HtmlReport.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Apache ECharts from its WebJar, loaded once: the version the build resolved, read from the WebJar itself. */
    static final class Echarts {
        static final String VERSION;
        static final String SCRIPT;

        static {
            ClassLoader cl = HtmlReport.class.getClassLoader();
            try (InputStream pom = cl.getResourceAsStream(ECHARTS_POM)) {
                if (pom == null) {
                    throw new IllegalStateException("the Apache ECharts WebJar (org.webjars.npm:echarts) is not on the class path");
                }
                Properties p = new Properties();
                p.load(pom);
                VERSION = p.getProperty("version");
                String path = "META-INF/resources/webjars/echarts/" + VERSION + "/dist/echarts.min.js";
                try (InputStream js = cl.getResourceAsStream(path)) {
                    if (js == null) {
                        throw new IllegalStateException("missing " + path + " in the Apache ECharts WebJar");
                    }
                    SCRIPT = new String(js.readAllBytes(), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Echarts() {
        }
    }
}
