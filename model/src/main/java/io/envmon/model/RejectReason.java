package io.envmon.model;

/** Why a message or reading was not stored (CONTRACT §3), as the code written to the dead-letter topic. */
public enum RejectReason {
    MALFORMED("malformed"),
    TOO_LARGE("too_large"),
    BAD_TOPIC("bad_topic"),
    UNKNOWN_SITE("unknown_site"),
    UNKNOWN_PARAMETER("unknown_parameter"),
    OUT_OF_RANGE("out_of_range"),
    BAD_TIMESTAMP("bad_timestamp"),
    BAD_FRAME("bad_frame"),
    /**
     * The sender may not write for that site: an HJ 212 frame whose MN is not its MQTT topic's, or that belongs to
     * another enterprise, station or section than the gateway connection's earlier frames.
     */
    UNAUTHORIZED("unauthorized"),
    /** envmon extension: the database refused the point as data (HTTP 400/422) after validation passed. */
    STORE_REJECTED("store_rejected");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
