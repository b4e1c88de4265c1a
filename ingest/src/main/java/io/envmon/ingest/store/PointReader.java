package io.envmon.ingest.store;

import java.util.List;

/** Reads with InfluxQL ({@code /query}, served by every InfluxDB version). Blocking: call on a worker. */
public interface PointReader {

    /** @throws RuntimeException as the client throws it when the query fails */
    List<QueryRow> query(String influxql);
}
