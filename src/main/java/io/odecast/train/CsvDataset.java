package io.odecast.train;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a {@link Dataset} from a CSV file with a header row. Rows are sorted by time. */
public final class CsvDataset {

    private CsvDataset() {
    }

    /**
     * @param timeColumn the column holding numeric times
     * @param variables  the columns to model, in state order
     */
    public static Dataset read(Path file, String timeColumn, List<String> variables) throws IOException {
        CsvMapper mapper = new CsvMapper();
        List<double[]> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            int line = 1;
            while (it.hasNext()) {
                Map<String, String> row = it.next();
                line++;
                double[] values = new double[variables.size() + 1];
                values[0] = number(file, line, timeColumn, row);
                for (int v = 0; v < variables.size(); v++) {
                    values[v + 1] = number(file, line, variables.get(v), row);
                }
                rows.add(values);
            }
        }
        rows.sort((a, b) -> Double.compare(a[0], b[0]));
        double[] times = new double[rows.size()];
        double[][] values = new double[rows.size()][];
        for (int i = 0; i < times.length; i++) {
            times[i] = rows.get(i)[0];
            values[i] = java.util.Arrays.copyOfRange(rows.get(i), 1, variables.size() + 1);
        }
        String name = file.getFileName().toString().replaceFirst("\\.csv$", "");
        return new Dataset(name, variables, times, values);
    }

    private static double number(Path file, int line, String column, Map<String, String> row) {
        String text = row.get(column);
        if (text == null) {
            throw new IllegalArgumentException(file + ": no column '" + column + "' (columns: " + row.keySet() + ")");
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " line " + line + ": " + column + " is '" + text + "', not a number");
        }
    }
}
