package io.envmon.ingest.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CSV of a report: a header, RFC 4180 quoting, lists joined, nested rows expanded. */
class ReportOutputTest {

    private static Map<String, Object> item(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void quotesJoinsAndExpands() {
        String csv = ReportOutput.csv(List.of(
                item("section", "XYH-02", "name", "象峪河, 水秀桥", "deciding", List.of("nh3n", "tp"), "hours", 3.0,
                        "ratio", 0.9451, "note", "say \"hi\"", "class", null),
                item("outlet", "DA001", "parameters", List.of(item("parameter", "so2", "validHours", 20),
                        item("parameter", "nox", "validHours", 19)))));
        assertEquals("section,name,deciding,hours,ratio,note,class,outlet,parameter,validHours\r\n"
                + "XYH-02,\"象峪河, 水秀桥\",nh3n; tp,3,0.9451,\"say \"\"hi\"\"\",,,,\r\n"
                + ",,,,,,,DA001,so2,20\r\n"
                + ",,,,,,,DA001,nox,19\r\n", csv);
    }

    @Test
    void pagesSlice() {
        ReportOutput.Page page = new ReportOutput.Page(2, 3, false);
        assertEquals(List.of(4, 5, 6), page.slice(List.of(1, 2, 3, 4, 5, 6, 7)));
        assertEquals(List.of(), new ReportOutput.Page(9, 3, false).slice(List.of(1, 2)));
    }
}
