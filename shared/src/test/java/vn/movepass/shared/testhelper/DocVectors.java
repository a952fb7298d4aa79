package vn.movepass.shared.testhelper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The test vectors of docs/qr-format.md: fenced blocks of {@code key: value} lines under an info string. */
public final class DocVectors {
    private DocVectors() {
    }

    /** Every block of docs/qr-format.md whose info string is {@code info}. */
    public static List<Map<String, String>> blocks(String info) {
        try {
            return vectors(Files.readString(doc(), StandardCharsets.UTF_8), info);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fenced blocks whose info string is {@code info}: {@code key: value} lines, values may be "quoted". */
    static List<Map<String, String>> vectors(String markdown, String info) {
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> current = null;
        for (String line : markdown.split("\\r?\\n", -1)) {
            if (current == null) {
                if (line.equals("```" + info)) {
                    current = new LinkedHashMap<>();
                }
            } else if (line.equals("```")) {
                out.add(current);
                current = null;
            } else {
                int colon = line.indexOf(": ");
                assertTrue(colon > 0, "not a key: value line: " + line);
                String value = line.substring(colon + 2);
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                current.put(line.substring(0, colon), value);
            }
        }
        assertEquals(null, current, "unterminated block");
        return out;
    }

    static Path doc() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path doc = dir.resolve("docs").resolve("qr-format.md");
            if (Files.isRegularFile(doc)) {
                return doc;
            }
        }
        throw new AssertionError("docs/qr-format.md not found");
    }
}
