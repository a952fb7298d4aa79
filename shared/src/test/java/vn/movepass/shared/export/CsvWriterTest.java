package vn.movepass.shared.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** What the export's CSV writer writes, commons-csv (an independent RFC 4180 reader) reads back as written. */
class CsvWriterTest {
    @Test
    void plainAndQuotedFields() throws IOException {
        StringWriter text = new StringWriter();
        try (CsvWriter csv = new CsvWriter(text)) {
            csv.record("id", "name", "count");
            csv.record("a", "Nguyễn, Văn \"An\"", 3);
            csv.record(null, "two\r\nlines", true);
        }
        assertEquals("id,name,count\r\na,\"Nguyễn, Văn \"\"An\"\"\",3\r\n\"\",\"two\r\nlines\",true\r\n", text.toString());
    }

    @Test
    void randomFieldsRoundTripThroughAnIndependentParser() throws IOException {
        SplittableRandom random = new SplittableRandom(4180);
        String alphabet = "ab ,\"\r\nĐứ1;\t'";
        List<List<String>> written = new ArrayList<>();
        StringWriter text = new StringWriter();
        try (CsvWriter csv = new CsvWriter(text)) {
            for (int r = 0; r < 2_000; r++) {
                String[] fields = new String[1 + random.nextInt(5)];
                for (int f = 0; f < fields.length; f++) {
                    StringBuilder s = new StringBuilder();
                    for (int n = random.nextInt(8); n > 0; n--) {
                        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                    fields[f] = s.toString();
                }
                csv.record((Object[]) fields);
                written.add(Arrays.asList(fields));
            }
        }
        List<List<String>> read = new ArrayList<>();
        try (CSVParser parser = CSVFormat.RFC4180.parse(new StringReader(text.toString()))) {
            for (CSVRecord record : parser) {
                read.add(record.toList());
            }
        }
        assertEquals(written, read);
    }
}
