package io.envmon.model;

/** Thrown by decoders when a whole message cannot be used; carries the contract's reason. */
public class RejectedException extends Exception {

    private final transient Rejection rejection;

    public RejectedException(RejectReason reason, String detail) {
        super(reason.code() + ": " + detail);
        this.rejection = new Rejection(reason, detail);
    }

    public Rejection rejection() {
        return rejection;
    }
}
