package org.knudsen.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads back a {@code timeseries.csv} written by {@link TimeSeriesWriter}: the header and the numeric rows. */
public record TimeSeriesReader(List<String> columns, List<double[]> rows) {

    public static TimeSeriesReader read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read time series (" + e.getMessage() + ")");
        }
        if (lines.isEmpty()) {
            throw new InputException(file + ": empty file, expected a header line");
        }
        List<String> columns = Arrays.asList(lines.get(0).split(","));
        List<double[]> rows = new ArrayList<>();
        for (int k = 1; k < lines.size(); k++) {
            String line = lines.get(k);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",");
            if (cells.length != columns.size()) {
                throw new InputException(file + ":" + (k + 1) + ": " + cells.length + " values, header has " + columns.size());
            }
            double[] row = new double[cells.length];
            for (int c = 0; c < cells.length; c++) {
                try {
                    row[c] = Double.parseDouble(cells[c]);
                } catch (NumberFormatException e) {
                    throw new InputException(file + ":" + (k + 1) + ": column " + columns.get(c) + " = '" + cells[c]
                            + "' is not a number");
                }
            }
            rows.add(row);
        }
        return new TimeSeriesReader(List.copyOf(columns), rows);
    }

    /** The values of one column over all rows. */
    public double[] column(String name) {
        int c = columns.indexOf(name);
        if (c < 0) {
            throw new InputException("time series has no column '" + name + "' (columns: " + columns + ")");
        }
        return rows.stream().mapToDouble(r -> r[c]).toArray();
    }
}
