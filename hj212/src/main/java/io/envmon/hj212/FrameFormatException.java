package io.envmon.hj212;

/** A frame that cannot be accepted in the current mode; becomes {@link DecodeResult.Malformed}. */
final class FrameFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    FrameFormatException(String message) {
        super(message, null, false, false);
    }
}
