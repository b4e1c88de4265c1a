package io.envmon.hj212.mapping;

/**
 * Something in a frame that could not become part of a reading as sent. The caller decides whether it becomes a
 * dead-letter ({@code unknown_parameter}, {@code out_of_range}, {@code bad_timestamp}) or a log line.
 *
 * @param code the factor code concerned, or {@code null} for the whole frame (no DataTime)
 */
public record MappingProblem(String code, Kind kind, String detail) {

    public enum Kind {
        /** No readable {@code DataTime}: no timestamp for the reading. */
        NO_DATA_TIME,
        /** A mapped code without the value the data kind needs ({@code -Rtd} for 2011). */
        MISSING_VALUE,
        /** A value that is not decimal text. */
        NOT_A_NUMBER,
        /** Two codes of one frame map to the same parameter (e.g. 2005 {@code 011} and 2017 {@code w01018}). */
        DUPLICATE_PARAMETER,
        /** A flag that is not an HJ 212 letter; kept as shown in the detail. */
        UNKNOWN_FLAG,
        /** A per-device unit override that cannot be converted to the contract's unit. */
        UNIT_MISMATCH
    }
}
