package io.envmon.simulator.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/** Runs one InfluxQL query and returns InfluxDB's JSON answer ({@code {"results": [{"series": [...]}]}}). */
@FunctionalInterface
public interface InfluxQuery {

    /** @throws IOException when the database cannot be reached or answers with an error */
    JsonNode query(String influxql) throws IOException;
}
