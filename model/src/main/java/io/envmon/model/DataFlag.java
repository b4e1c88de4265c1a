package io.envmon.model;

/**
 * HJ 212 data flags (HJ 212-2017 Table 8) as carried in a reading's {@code flags}. A missing flag means
 * {@link #N}. Provinces and vendors add letters; {@link #isKnown(String)} tells the contract's ones apart.
 */
public enum DataFlag {
    N("normal"),
    F("stopped"),
    M("maintenance"),
    S("manual value"),
    D("fault"),
    C("calibration"),
    T("over range"),
    B("communication fault");

    private final String meaning;

    DataFlag(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }

    public static boolean isKnown(String letter) {
        for (DataFlag flag : values()) {
            if (flag.name().equals(letter)) {
                return true;
            }
        }
        return false;
    }
}
