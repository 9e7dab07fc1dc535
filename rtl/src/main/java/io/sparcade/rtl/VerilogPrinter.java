package io.sparcade.rtl;

import java.util.Iterator;
import java.util.Map;

/** Prints a {@link ModuleDef} as SystemVerilog (ANSI ports, named connections, one declaration a line). */
public final class VerilogPrinter {
    private VerilogPrinter() {
    }

    public static String print(ModuleDef m) {
        StringBuilder sb = new StringBuilder();
        sb.append("module ").append(m.name());
        if (!m.params().isEmpty()) {
            sb.append(" #(\n");
            for (Iterator<Param> it = m.params().iterator(); it.hasNext(); ) {
                Param p = it.next();
                sb.append("    parameter int ").append(p.name()).append(" = ").append(p.value())
                        .append(it.hasNext() ? ",\n" : "\n");
            }
            sb.append(")");
        }
        sb.append(" (\n");
        for (Iterator<Port> it = m.ports().iterator(); it.hasNext(); ) {
            Port p = it.next();
            sb.append("    ").append(p.direction().keyword()).append(" logic ").append(range(p.width()))
                    .append(p.name()).append(it.hasNext() ? ",\n" : "\n");
        }
        sb.append(");\n");
        for (Net n : m.nets()) {
            sb.append("  logic ").append(range(n.width())).append(n.name()).append(";\n");
        }
        for (Assign a : m.assigns()) {
            sb.append("  assign ").append(a.lhs()).append(" = ").append(a.rhs()).append(";\n");
        }
        for (Instance i : m.instances()) {
            sb.append("  ").append(i.module());
            if (!i.params().isEmpty()) {
                sb.append(" #(");
                for (Iterator<Param> it = i.params().iterator(); it.hasNext(); ) {
                    Param p = it.next();
                    sb.append('.').append(p.name()).append('(').append(p.value()).append(')').append(it.hasNext() ? ", " : "");
                }
                sb.append(")");
            }
            sb.append(' ').append(i.name()).append(" (\n");
            for (Iterator<Map.Entry<String, String>> it = i.connections().entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, String> c = it.next();
                sb.append("      .").append(c.getKey()).append('(').append(c.getValue()).append(')')
                        .append(it.hasNext() ? ",\n" : "\n");
            }
            sb.append("  );\n");
        }
        sb.append("endmodule\n");
        return sb.toString();
    }

    private static String range(int width) {
        return width == 1 ? "" : "[" + (width - 1) + ":0] ";
    }
}
