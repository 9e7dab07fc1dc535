/** Reports: {@code summary.csv} and {@code ops.csv} (Commons CSV) and PNG plots (XChart), written atomically. */
package io.sparcade.reports;
