package io.sparcade.model.arch;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a top-k engine selects: exactly (SpAtten's quick-select) or approximately (statistical threshold). */
public enum TopkAlgorithm {
    QUICK_SELECT("quick-select"),
    STATISTICAL("statistical");

    private final String id;

    TopkAlgorithm(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }
}
