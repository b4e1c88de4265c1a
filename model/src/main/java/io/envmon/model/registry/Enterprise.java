package io.envmon.model.registry;

import java.util.List;

/** A regulated enterprise with its monitored outlets (CONTRACT §6). */
public record Enterprise(String id, String name, String industry, Double lat, Double lon, List<Outlet> outlets) {

    public Enterprise {
        outlets = outlets == null ? List.of() : List.copyOf(outlets);
    }
}
