package io.envmon.model.registry;

/** The registry file cannot be used; the message names the file and the entry. */
public class RegistryException extends RuntimeException {

    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
