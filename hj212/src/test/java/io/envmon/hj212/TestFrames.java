package io.envmon.hj212;

import java.nio.charset.StandardCharsets;

/** Frames of hj212.md, and a way to build frames around a segment with the CRC computed. */
final class TestFrames {

    /** HJ 212-2017 Appendix A, verified (hj212.md §1.1, §8.1). */
    static final String APPENDIX_A =
            "##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;"
                    + "CP=&&RtdInterval=30&&1C80\r\n";
    static final String APPENDIX_A_SEGMENT =
            "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&";
    /** HJ 212-2025 Appendix A.1 (hj212.md §2.2, §7). */
    static final String APPENDIX_A1_2025 =
            "##0087QN=20240601085857223;ST=32;CN=1011;PW=123456;MN=010000A8900016F000169DC0;Flag=9;CP=&&&&2200\r\n";
    /** The 9014 for the official minute upload, length and CRC as hj212.md §3.4 item 1 computed them. */
    static final String REPLY_9014 =
            "##0087QN=20160801085000001;ST=91;CN=9014;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&&&C241\r\n";

    static final String MN = "010000A8900016F000169DC0";

    private TestFrames() {
    }

    /** {@code ##LLLL<segment>CRC\r\n}, LEN in UTF-8 bytes. */
    static String frame(String segment) {
        return String.format("##%04d", segment.getBytes(StandardCharsets.UTF_8).length) + segment
                + Hj212Crc.of(segment) + "\r\n";
    }

    /** A frame with a given length field (possibly wrong) and the right CRC. */
    static String frameWithLength(String segment, int length) {
        return String.format("##%04d", length) + segment + Hj212Crc.of(segment) + "\r\n";
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The segment of a 2017 upload. */
    static String upload(String qn, String cn, int flag, String cp) {
        return "QN=" + qn + ";ST=22;CN=" + cn + ";PW=123456;MN=" + MN + ";Flag=" + flag + ";CP=&&" + cp + "&&";
    }
}
