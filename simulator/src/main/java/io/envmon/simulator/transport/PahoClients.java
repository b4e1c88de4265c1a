package io.envmon.simulator.transport;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ending a Paho client the same way wherever the simulator opens one. */
public final class PahoClients {

    private static final Logger log = LoggerFactory.getLogger(PahoClients.class);

    private PahoClients() {
    }

    /** Disconnects (waiting up to 3 s) and releases the client's resources; logs what fails, throws nothing. */
    public static void disconnectAndClose(MqttAsyncClient client) {
        try {
            if (client.isConnected()) {
                client.disconnect(2000).waitForCompletion(3000);
            }
        } catch (MqttException e) {
            log.debug("disconnect: {}", e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("close: {}", e.getMessage());
        }
    }
}
