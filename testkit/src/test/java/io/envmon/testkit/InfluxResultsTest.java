package io.envmon.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class InfluxResultsTest {

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void rowsSpanStatementsAndSeriesAndCarryTheGroupByTags() throws Exception {
        JsonNode answer = json("""
                {"results":[
                  {"statement_id":0,"series":[
                    {"name":"air","tags":{"station":"A"},"columns":["time","pm25","pm25_flag"],
                     "values":[[1000,35.2,"M"],[2000,36,null]]},
                    {"name":"air","tags":{"station":"B"},"columns":["time","pm25","pm25_flag"],
                     "values":[[1000,1.5,null]]}]},
                  {"statement_id":1}]}
                """);
        List<Map<String, Object>> rows = InfluxResults.rows(answer);
        assertEquals(3, rows.size());
        assertEquals(Map.of("time", 1000L, "pm25", 35.2, "pm25_flag", "M", "station", "A"), rows.get(0));
        assertEquals(36L, rows.get(1).get("pm25"));
        assertNull(rows.get(1).get("pm25_flag"));
        assertEquals("B", rows.get(2).get("station"));
        assertNull(InfluxResults.firstError(answer));
    }

    @Test
    void countSumsGroupsAndTakesTheLargestFieldCount() throws Exception {
        assertEquals(7, InfluxResults.count(json("""
                {"results":[{"statement_id":0,"series":[
                  {"name":"air","tags":{"station":"A"},"columns":["time","count_pm25","count_pm10"],"values":[[0,3,2]]},
                  {"name":"air","tags":{"station":"B"},"columns":["time","count_pm25","count_pm10"],"values":[[0,1,4]]}]}]}
                """)));
        assertEquals(0, InfluxResults.count(json("{\"results\":[{\"statement_id\":0}]}")));
    }

    @Test
    void errorsAreFound() throws Exception {
        assertEquals("statement 1: database not found: y", InfluxResults.firstError(json("""
                {"results":[{"statement_id":0},{"statement_id":1,"error":"database not found: y"}]}
                """)));
        assertEquals("bad", InfluxResults.firstError(json("{\"error\":\"bad\"}")));
    }
}
