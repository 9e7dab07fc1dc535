package io.sparcade.rtl;

import io.sparcade.model.Checks;

/** A module port; {@code width} in bits (1 prints as a scalar). */
public record Port(Direction direction, String name, int width) {
    /** Port direction. */
    public enum Direction {
        INPUT("input"), OUTPUT("output");

        private final String keyword;

        Direction(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    public Port {
        Checks.present(direction, "direction");
        Checks.name(name, "port name");
        Checks.positive(width, "port " + name + " width");
    }

    public static Port in(String name, int width) {
        return new Port(Direction.INPUT, name, width);
    }

    public static Port out(String name, int width) {
        return new Port(Direction.OUTPUT, name, width);
    }
}
