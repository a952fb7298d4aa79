package vn.movepass.local.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vn.movepass.shared.campaign.PriorityGroup;
import vn.movepass.shared.domain.Classification;
import vn.movepass.shared.domain.Decision;
import vn.movepass.shared.domain.Flag;
import vn.movepass.shared.domain.Gender;
import vn.movepass.shared.domain.Purpose;
import vn.movepass.shared.domain.RejectionReason;
import vn.movepass.shared.domain.Symptom;
import vn.movepass.shared.domain.TestResult;
import vn.movepass.shared.domain.VehicleType;
import vn.movepass.shared.domain.Verdict;

/**
 * Every text key of the site exists in both languages of {@code web/js/i18n.js}: the keys of the two
 * languages are the same, and every key the pages ({@code data-i18n}, {@code data-i18n-*}, {@code data-title-key})
 * and the scripts name is there. Reads the files (no browser, no runtime), so it runs with the unit tests.
 *
 * <p>Keys the scripts build from a value ({@code t(`verdict.${s.verdict}`)}) are checked for every value the
 * server can send (its enums); a new prefix built that way must be added to {@link #FAMILIES}.
 */
class I18nKeysTest {
    /** Keys built as prefix + value in the scripts, with every value the server (or the form) can put there. */
    private static final Map<String, List<String>> FAMILIES = Map.ofEntries(
            Map.entry("verdict.", names(Verdict.values())),
            Map.entry("verdictHint.", names(Verdict.values())),
            Map.entry("alert.", concat(names(Classification.values()), names(Flag.values()))),
            Map.entry("reason.", names(RejectionReason.values())),
            Map.entry("gender.", names(Gender.values())),
            Map.entry("purpose.", names(Purpose.values())),
            Map.entry("vehicle.", names(VehicleType.values())),
            Map.entry("symptom.", names(Symptom.values())),
            Map.entry("result.", names(TestResult.values())),
            Map.entry("cp.recorded.", names(Decision.values())),
            // the checkpoint's health (verdict.js) and the pass page's colour (pass.js)
            Map.entry("health.", List.of("CHECK", "TURN_BACK")),
            Map.entry("health.red.", List.of("ISOLATING", "QUARANTINED")),
            Map.entry("health.check.", List.of("MONITORING", "SYMPTOMS", "POSITIVE_TEST")),
            Map.entry("pass.health.", List.of("RED", "AMBER", "GREEN")),
            // the ward police page (ward/main.js): health states and history event types
            Map.entry("ward.state.", List.of("ISOLATING", "QUARANTINED", "MONITORING", "RECOVERED", "NONE")),
            Map.entry("ward.type.", List.of("CLASSIFIED", "TESTED", "ISOLATION", "RELEASED", "RECOVERED", "DOSE")),
            // PassService.status(): VALID, EXPIRED or REVOKED
            Map.entry("pass.status.", List.of("VALID", "EXPIRED", "REVOKED")),
            // the venue page (venue/checkin.js): the check-in's advice and direction
            Map.entry("venue.advice.", List.of("ALLOW", "CHECK", "TURN_BACK")),
            Map.entry("venue.hint.", List.of("ALLOW", "CHECK", "TURN_BACK")),
            Map.entry("venue.recorded.", List.of("IN", "OUT")),
            Map.entry("pass.advice.", List.of("ALLOW", "CHECK", "TURN_BACK")),
            // the vaccination pages (vaccination/*.js): priority groups, appointment states, booking conflicts
            Map.entry("vx.group.", names(PriorityGroup.values())),
            Map.entry("vx.status.", List.of("BOOKED", "CANCELLED", "COMPLETED", "MISSED")),
            Map.entry("vx.e.", List.of("SLOT_FULL", "ALREADY_BOOKED", "COMPLETE")),
            // declaration-form.js CONTACTS: the health questions' labels
            Map.entry("f.", List.of("contactWithCase", "contactWithTraveller", "contactWithSymptomatic")));

    /** Prefixes built from a value that are not text keys, or whose key is looked up with has() first. */
    private static final Set<String> NOT_TEXT_PREFIXES = Set.of(
            "health.", "residence.", "origin.", "destination.", // form controls' names (the API's field paths)
            "e."); // declaration-form.js fromServer(): has(`e.${leaf}`), else the server's own message

    /** Dotted literals that are not text keys: the API's field paths (form controls' names) and storage keys. */
    private static final Pattern NOT_TEXT = Pattern.compile(
            "(residence|origin|destination|vehicle|health|test)\\.[a-z][A-Za-z]*|movepass\\.[A-Za-z.]+");

    private static final Pattern DOTTED = Pattern.compile("[a-z][A-Za-z]*(\\.[A-Za-z0-9_]+)+");
    private static final Pattern LITERAL = Pattern.compile("'((?:[^'\\\\\\n]|\\\\.)*)'|\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    /** Undotted keys are found by where they stand: t('k'), text('k'), i18n: 'k', key: 'k', dataset.i18n = 'k'. */
    private static final Pattern KEY_IN_PLACE = Pattern.compile(
            "(?:\\bt\\(|\\btext\\(|\\bi18n:|\\bkey:|\\.dataset\\.i18n\\s*=)\\s*'([^'\\\\\\n]+)'");
    private static final Pattern TEMPLATE_PREFIX = Pattern.compile("`([a-z][A-Za-z]*(?:\\.[A-Za-z]+)*\\.)\\$\\{");
    private static final Pattern LITERAL_PREFIX = Pattern.compile("'([a-z][A-Za-z]*(?:\\.[A-Za-z]+)*\\.)'");
    private static final Pattern HTML_KEY = Pattern.compile("\\bdata-(?:i18n(?:-[a-z]+)?|title-key)=\"([^\"]*)\"");

    /** An entry starts a line, indented 4: {@code 'key': 'text',}; a long text goes on over lines indented 6 or more. */
    private static final Pattern ENTRY = Pattern.compile("^ {4}'([^']+)':.*$");
    private static final Pattern GOES_ON = Pattern.compile("^ {6,}\\S.*$");
    private static final Pattern LANGUAGE = Pattern.compile("^ {2}([a-z]{2}): \\{$");

    private final Path web = webRoot();
    private final Map<String, Set<String>> strings = readStrings(web.resolve("js/i18n.js"));

    @Test
    void bothLanguagesHaveTheSameKeys() {
        assertEquals(Set.of("vi", "en"), strings.keySet(), "the languages of STRINGS in web/js/i18n.js");
        List<String> missing = new ArrayList<>();
        for (String lang : strings.keySet()) {
            for (String other : strings.keySet()) {
                for (String key : strings.get(other)) {
                    if (!strings.get(lang).contains(key)) {
                        missing.add("'" + key + "' is missing in " + lang + " (" + other + " has it)");
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "web/js/i18n.js");
    }

    @Test
    void everyKeyThePagesNameExists() {
        List<String> missing = new ArrayList<>();
        for (Path page : files(".html")) {
            Matcher m = HTML_KEY.matcher(read(page));
            while (m.find()) {
                missing.addAll(absent(m.group(1), web.relativize(page)));
            }
        }
        assertEquals(List.of(), missing, "keys named by the pages but not in web/js/i18n.js");
    }

    @Test
    void everyKeyTheScriptsNameExists() {
        List<String> missing = new ArrayList<>();
        for (Path script : files(".js")) {
            if (script.endsWith(Path.of("js", "i18n.js"))) {
                continue;
            }
            String source = code(read(script));
            Path where = web.relativize(script);
            Matcher literal = LITERAL.matcher(source);
            while (literal.find()) {
                String text = literal.group(1) != null ? literal.group(1) : literal.group(2);
                if (DOTTED.matcher(text).matches() && !NOT_TEXT.matcher(text).matches()) {
                    missing.addAll(absent(text, where));
                }
            }
            Matcher placed = KEY_IN_PLACE.matcher(source);
            while (placed.find()) {
                missing.addAll(absent(placed.group(1), where));
            }
            for (Pattern p : List.of(TEMPLATE_PREFIX, LITERAL_PREFIX)) {
                Matcher prefix = p.matcher(source);
                while (prefix.find()) {
                    String built = prefix.group(1);
                    if (NOT_TEXT_PREFIXES.contains(built)) {
                        continue;
                    }
                    List<String> values = FAMILIES.get(built);
                    if (values == null) {
                        missing.add("keys built as '" + built + "…' in " + where + ": add the prefix and its values to "
                                + "I18nKeysTest.FAMILIES");
                        continue;
                    }
                    for (String value : values) {
                        missing.addAll(absent(built + value, where));
                    }
                }
            }
        }
        assertEquals(List.of(), new ArrayList<>(new TreeSet<>(missing)), "keys named by the scripts but not in web/js/i18n.js");
    }

    @Test
    void thePatternsFindTheKeysTheScriptsAreKnownToUse() {
        String verdict = code(read(web.resolve("js/checkpoint/verdict.js")));
        assertTrue(find(LITERAL, verdict).contains("cp.validUntil"), "a dotted literal");
        assertEquals(List.of("gender.", "vehicle.", "purpose.", "health.red.", "health.check.", "verdict.", "verdictHint.", "health.",
                "alert.", "cp.recorded."),
                find(TEMPLATE_PREFIX, verdict), "keys built in a template");
        String form = code(read(web.resolve("js/declaration-form.js")) + read(web.resolve("js/declaration-form/controls.js")));
        assertTrue(find(LITERAL_PREFIX, form).containsAll(List.of("gender.", "result.")), "prefixes passed to radios()");
        assertTrue(find(KEY_IN_PLACE, form).containsAll(List.of("optional", "choose", "submit", "submitting")), "undotted keys");
    }

    // ---------------------------------------------------------------- reading the files
    private List<String> absent(String key, Path where) {
        List<String> out = new ArrayList<>();
        for (var lang : strings.entrySet()) {
            if (!lang.getValue().contains(key)) {
                out.add("'" + key + "' (" + where + ") is missing in " + lang.getKey());
            }
        }
        return out;
    }

    /** The keys of each language of {@code const STRINGS = { vi: {...}, en: {...} }}, one entry a line (or more). */
    static Map<String, Set<String>> readStrings(Path file) {
        List<String> lines = read(file).lines().toList();
        Map<String, Set<String>> out = new LinkedHashMap<>();
        int start = lines.indexOf("const STRINGS = {");
        if (start < 0) {
            throw new IllegalStateException(file + ": no line 'const STRINGS = {'");
        }
        Set<String> current = null;
        String lang = null;
        for (int i = start + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher opens = LANGUAGE.matcher(line);
            Matcher entry = ENTRY.matcher(line);
            if (line.equals("};")) {
                return out;
            } else if (current == null && opens.matches()) {
                lang = opens.group(1);
                current = new TreeSet<>();
                out.put(lang, current);
            } else if (current != null && line.matches("^ {2}},?$")) {
                current = null;
            } else if (current != null && entry.matches()) {
                if (!current.add(entry.group(1))) {
                    throw new IllegalStateException(file + ":" + (i + 1) + ": '" + entry.group(1) + "' twice in " + lang);
                }
            } else if (current != null && !current.isEmpty() && GOES_ON.matcher(line).matches()) {
                continue;
            } else if (!line.isBlank() && !line.trim().startsWith("//")) {
                throw new IllegalStateException(file + ":" + (i + 1) + ": not read as a key: " + line
                        + " (write 'key': 'text', at the start of a line)");
            }
        }
        throw new IllegalStateException(file + ": STRINGS is not closed by a line '};'");
    }

    private List<Path> files(String suffix) {
        try (Stream<Path> all = Files.walk(web)) {
            return all.filter(p -> p.toString().endsWith(suffix) && Files.isRegularFile(p))
                    .filter(p -> !web.relativize(p).startsWith("vendor") && !web.relativize(p).startsWith("node_modules")
                            && !web.relativize(p).startsWith("scripts"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The source without its comments (whole-line and block comments), where apostrophes are prose. */
    private static String code(String source) {
        return source.replaceAll("(?m)^\\s*//.*$", "").replaceAll("(?s)/\\*.*?\\*/", "");
    }

    private static List<String> find(Pattern p, String source) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(source);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return out;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    /** web/ of this checkout: the folder next to template.yaml, found upwards from the working directory. */
    private static Path webRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("web"))) {
                return dir.resolve("web");
            }
        }
        throw new IllegalStateException("no web/ next to template.yaml above " + Path.of("").toAbsolutePath());
    }
}
