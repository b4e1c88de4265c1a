package io.envmon.simulator.transport;

import io.envmon.model.tls.TlsFailures;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;

/** How the simulator reads Paho's errors: a connection that is down, a full window, a message for people. */
final class PahoErrors {

    private PahoErrors() {
    }

    /** The connection is down or going down: keep the message for after the reconnect. */
    static boolean isDisconnected(MqttException e) {
        int code = e.getReasonCode();
        return code == MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED
                || code == MqttClientException.REASON_CODE_CONNECT_IN_PROGRESS
                || code == MqttClientException.REASON_CODE_CLIENT_DISCONNECTING
                || code == MqttClientException.REASON_CODE_CONNECTION_LOST
                || code == MqttClientException.REASON_CODE_SERVER_CONNECT_ERROR
                // the broker closed the connection (stopped, restarted): the messages in flight are not lost but
                // unsent, and go again after the reconnect
                || code == MqttClientException.REASON_CODE_SERVER_DISCONNECTED
                || code == MqttClientException.REASON_CODE_CLIENT_ALREADY_DISCONNECTED;
    }

    /** Paho's own in-flight counter is full for a moment: try again shortly. */
    static boolean isTransient(MqttException e) {
        int code = e.getReasonCode();
        return code == MqttClientException.REASON_CODE_MAX_INFLIGHT
                || code == MqttClientException.REASON_CODE_NO_MESSAGE_IDS_AVAILABLE;
    }

    /** The message, its cause's, and Paho's reason code: Paho's messages alone are often empty. */
    static String describe(Throwable e) {
        String tls = TlsFailures.describe(e, "--mqtt-ca");
        if (tls.startsWith("TLS: ")) {
            // an untrusted or expired certificate in words, not Paho's "Untranslated MqttException - RC: 0"
            return tls;
        }
        String message = e.getMessage();
        if (e.getCause() != null && e.getCause().getMessage() != null) {
            message = message + " (" + e.getCause().getMessage() + ")";
        }
        return e instanceof MqttException m ? message + " [reason " + m.getReasonCode() + "]" : message;
    }
}
