package io.envmon.simulator.transport;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paho's callback with nothing to do by default, so that a subscriber writes only what it cares about
 * (usually {@link #messageArrived} and {@link #disconnected}); errors are logged.
 */
public abstract class MqttCallbackAdapter implements MqttCallback {

    private static final Logger log = LoggerFactory.getLogger(MqttCallbackAdapter.class);

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        log.debug("message on {} ignored", topic);
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        log.debug("disconnected: {}", response.getReasonString());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        log.warn("MQTT error: {}", exception.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // acknowledgements, where there are publications, are handled per message
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        // nothing to redo by default
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        log.debug("AUTH packet {} ignored", reasonCode);
    }
}
