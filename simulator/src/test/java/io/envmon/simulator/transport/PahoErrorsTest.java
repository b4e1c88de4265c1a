package io.envmon.simulator.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;

/** A message whose publish fails because the broker went away is kept for after the reconnect, not counted lost. */
class PahoErrorsTest {

    @Test
    void aBrokerThatClosedTheConnectionIsADisconnectionNotALostMessage() {
        // Paho's "The Server Disconnected the client" when the broker stops: 60 messages of a device outage test
        // were counted lost instead of sent again
        assertTrue(PahoErrors.isDisconnected(new MqttException(MqttClientException.REASON_CODE_SERVER_DISCONNECTED)));
        assertTrue(PahoErrors.isDisconnected(new MqttException(MqttClientException.REASON_CODE_CONNECTION_LOST)));
        assertTrue(PahoErrors.isDisconnected(
                new MqttException(MqttClientException.REASON_CODE_CLIENT_ALREADY_DISCONNECTED)));
        assertFalse(PahoErrors.isDisconnected(new MqttException(MqttClientException.REASON_CODE_MAX_INFLIGHT)));
    }
}
