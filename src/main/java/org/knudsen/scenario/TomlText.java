package org.knudsen.scenario;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.knudsen.physics.AngularLaw;

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

    /**
     * An angular law as its {@code angular} value: the law's name for a law without parameters, else an inline table
     * {@code { law = "name", parameter = value, ... }} in the order of the law's table entry ({@link AngularLaw.Kind}).
     */
    static String angular(AngularLaw law) {
        AngularLaw.Kind kind = law.kind();
        if (kind.parameters().isEmpty()) {
            return string(kind.tomlName());
        }
        StringBuilder sb = new StringBuilder("{ law = ").append(string(kind.tomlName()));
        double[][] values = law.parameterValues();
        for (int p = 0; p < values.length; p++) {
            AngularLaw.Parameter parameter = kind.parameters().get(p);
            sb.append(", ").append(parameter.name()).append(" = ")
                    .append(parameter.list() ? array(values[p]) : number(values[p][0]));
        }
        return sb.append(" }").toString();
    }

    /** How a law of this kind is written, with placeholders for its parameters, e.g. {@code { law = "vss", alpha = α }}. */
    static String angularForm(AngularLaw.Kind kind) {
        if (kind.parameters().isEmpty()) {
            return string(kind.tomlName());
        }
        return "{ law = " + string(kind.tomlName()) + kind.parameters().stream()
                .map(p -> ", " + p.name() + " = " + p.placeholder()).collect(Collectors.joining()) + " }";
    }

    /** Every form an {@code angular} value may take, from the table of laws, for messages. */
    static String angularForms() {
        List<String> forms = Arrays.stream(AngularLaw.Kind.values()).map(TomlText::angularForm).toList();
        return String.join(", ", forms.subList(0, forms.size() - 1)) + " or " + forms.getLast();
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
