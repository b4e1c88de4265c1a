package io.envmon.model;

/** A reason code with a sentence a person can act on. */
public record Rejection(RejectReason reason, String detail) {

    public static Rejection of(RejectReason reason, String detail) {
        return new Rejection(reason, detail);
    }
}
