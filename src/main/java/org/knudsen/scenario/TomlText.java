package org.knudsen.scenario;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Formats values as TOML literals that read back to the same double (shortest round-trip form). */
final class TomlText {
    private TomlText() {
    }

    static String number(double x) {
        return Double.toString(x); // always has '.' or 'E', so TOML reads it as a float; round-trips exactly
    }

    static String array(double[] xs) {
        return Arrays.stream(xs).mapToObj(TomlText::number).collect(Collectors.joining(", ", "[", "]"));
    }

    static String array(int[] xs) {
        return Arrays.stream(xs).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]"));
    }

    static String string(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20 || ch == 0x7F) { // other control characters are not allowed raw in a TOML string
                        sb.append(String.format("\\u%04X", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
