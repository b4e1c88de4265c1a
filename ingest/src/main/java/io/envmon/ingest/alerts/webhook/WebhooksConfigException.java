package io.envmon.ingest.alerts.webhook;

import io.envmon.ingest.config.ConfigException;
import java.util.List;

/**
 * The webhooks file cannot be used. Each problem names the file and the key, e.g.
 * {@code webhooks config/webhooks.yaml: webhooks[2].url: not an http(s) URL}. A {@link ConfigException}, so the
 * service's start-up reports it like every other configuration problem.
 */
public final class WebhooksConfigException extends ConfigException {

    public WebhooksConfigException(List<String> problems) {
        super(problems);
    }
}
