package io.envmon.model;

import java.util.regex.Pattern;

/** The ID rule of CONTRACT §1, for stations, sections, enterprises and outlets. */
public final class SiteIds {

    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");

    private SiteIds() {
    }

    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
