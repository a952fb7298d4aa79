package vn.movepass.shared.export;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;

/**
 * RFC 4180 CSV output: fields separated by commas, records ended by CRLF, a field quoted (with its quotes
 * doubled) when it holds a comma, a quote, CR or LF, or leading or trailing spaces; {@code null} is an empty
 * field. An empty first field is quoted, so a record is never a blank line.
 *
 * <p>The export writes CSV only, and a Lambda zip has a 10 MB budget: commons-csv (the registry import's parser)
 * would bring commons-io and commons-codec with it, 630 KB of jars, for these few lines. What this writes is read
 * back by commons-csv in the tests.
 */
public final class CsvWriter implements Flushable, Closeable {
    private final Writer out;

    public CsvWriter(Writer out) {
        this.out = out;
    }

    /** Writes one record. */
    public void record(Object... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            field(fields[i] == null ? "" : fields[i].toString(), i == 0);
        }
        out.write("\r\n");
    }

    private void field(String value, boolean first) throws IOException {
        if (!needsQuotes(value, first)) {
            out.write(value);
            return;
        }
        out.write('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                out.write('"');
            }
            out.write(c);
        }
        out.write('"');
    }

    static boolean needsQuotes(String value, boolean first) {
        if (value.isEmpty()) {
            return first;
        }
        if (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ') {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
