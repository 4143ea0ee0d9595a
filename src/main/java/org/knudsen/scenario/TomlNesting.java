package org.knudsen.scenario;

/**
 * The bracket nesting of a TOML text, found by a scan that skips comments and strings. tomlj parses nested arrays
 * and inline tables by recursion, so a hostile file (10^5 brackets) ends in a StackOverflowError; scenarios need a
 * depth of 3 at most, so anything beyond {@link #MAX_DEPTH} is refused before the parser sees it.
 */
final class TomlNesting {
    /** Deepest nesting of [ ] and { } accepted (table headers [[a]] count 2). */
    static final int MAX_DEPTH = 32;

    private TomlNesting() {
    }

    /** Line and column (1-based) of the first bracket beyond {@link #MAX_DEPTH}, or null if there is none. */
    static int[] tooDeep(String text) {
        int depth = 0;
        int line = 1, column = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char ch = text.charAt(i);
            column++;
            if (ch == '\n') {
                line++;
                column = 0;
            } else if (ch == '#') {
                while (i + 1 < n && text.charAt(i + 1) != '\n') {
                    i++;
                }
            } else if (ch == '"' || ch == '\'') {
                boolean multiline = text.startsWith(String.valueOf(ch).repeat(3), i);
                String close = multiline ? String.valueOf(ch).repeat(3) : String.valueOf(ch);
                int j = i + close.length();
                while (j < n && !text.startsWith(close, j)) {
                    char c = text.charAt(j);
                    if (c == '\\' && ch == '"') {
                        j++; // an escaped character, e.g. \" inside a basic string
                    } else if (c == '\n') {
                        if (!multiline) {
                            break; // an unterminated string: the parser reports it
                        }
                        line++;
                        column = 0;
                    }
                    j++;
                    column++;
                }
                column += close.length() - 1;
                i = Math.min(n, j + close.length()) - 1;
            } else if (ch == '[' || ch == '{') {
                if (++depth > MAX_DEPTH) {
                    return new int[] {line, column};
                }
            } else if (ch == ']' || ch == '}') {
                depth = Math.max(0, depth - 1);
            }
        }
        return null;
    }
}
