package io.envmon.ingest.mqtt;

import java.util.function.BooleanSupplier;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The publishing connection subscribes to nothing: it only needs to know when it is lost, to connect again. */
final class PublisherCallback implements MqttCallback {

    private static final Logger LOG = LoggerFactory.getLogger(PublisherCallback.class);

    private final MqttLink link;
    private final BooleanSupplier stopping;
    private final String clientId;

    PublisherCallback(MqttLink link, BooleanSupplier stopping, String clientId) {
        this.link = link;
        this.stopping = stopping;
        this.clientId = clientId;
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        if (!stopping.getAsBoolean()) {
            LOG.warn("MQTT publishing connection lost ({}); reconnecting with backoff",
                    PahoMqttConnection.describe(response));
            link.lost();
        }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        LOG.warn("MQTT error on the publishing connection: {}", exception.getMessage());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        // subscribes to nothing
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // publish completion is handled by the per-publish listener
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        LOG.info("MQTT publishing connection to {} as {}", serverURI, clientId);
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // no enhanced authentication
    }
}
