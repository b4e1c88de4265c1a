package io.envmon.model.tls;

/** A PEM file cannot be used; the message names the file and says what is wrong (not which setting: the caller does). */
public final class PemException extends Exception {

    public PemException(String message) {
        super(message);
    }
}
