/**
 * Self-contained HTML reports: a typed page model ({@link io.sparcade.reports.html.Page} of
 * {@link io.sparcade.reports.html.Section}s, a {@link io.sparcade.reports.html.View} script and data embedded once
 * as JSON), rendered by a jte template with Apache ECharts inlined from its WebJar, so a report opens offline.
 */
package io.sparcade.reports.html;
