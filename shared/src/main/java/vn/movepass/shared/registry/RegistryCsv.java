package vn.movepass.shared.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import vn.movepass.shared.domain.Gender;
import vn.movepass.shared.domain.Resident;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.identity.CitizenId;

/**
 * Reads and writes the population-registry CSV file.
 *
 * <p>Format: RFC 4180, UTF-8 with optional byte-order mark, a required header row with the columns
 * {@value #HEADER} in any order (names are case-insensitive; unknown columns are ignored;
 * {@code date_of_death}, {@code temporary_ward_code} and {@code temporary_address} (policy support: the
 * registered temporary residence) may be left out of the header, and a row may omit those of them that
 * end the header). All values except those three are required. Dates are {@code YYYY-MM-DD}, gender is
 * {@code MALE} or {@code FEMALE} (any case), ward codes are 5-digit GSO codes of existing wards (1–4
 * digit numbers are left-padded with zeros, as spreadsheets drop leading zeros). Values are trimmed;
 * names and addresses are stored NFC with every whitespace run, line breaks included, turned into one
 * space. The citizen id is checked for shape only, not against date of birth and gender (use
 * {@link CitizenId#consistentWith} for that).
 *
 * <p>Reading streams record by record in constant memory. Each valid row goes to
 * {@link Sink#accept(Resident)}; each invalid row goes to {@link Sink#reject(long, String)} with the
 * physical line on which the record starts (the header is line 1) and the reasons, joined by
 * {@code "; "}. Blank lines are skipped. Broken quoting gives one reject and ends the reading, as the
 * rest of the file cannot be split reliably. Duplicate ids are not detected here (that would need
 * memory proportional to the file); the sink should handle them.
 */
public final class RegistryCsv {

    /** The header row written by {@link #writeHeader(Appendable)}. */
    public static final String HEADER = "citizen_id,full_name,date_of_birth,gender,permanent_ward_code,"
            + "permanent_address,current_ward_code,current_address,date_of_death,temporary_ward_code,temporary_address";

    /** Receives the outcome of each data row. */
    public interface Sink {

        /** Called for each valid row, in file order. */
        void accept(Resident resident);

        /**
         * Called for each invalid row, in file order.
         *
         * @param line   physical line number on which the record starts; the header is line 1
         * @param reason short English description naming the offending field(s)
         */
        void reject(long line, String reason);
    }

    private static final List<String> COLUMNS = List.of(HEADER.split(","));
    private static final String DATE_OF_DEATH = "date_of_death";
    private static final String TEMPORARY_WARD = "temporary_ward_code";
    private static final String TEMPORARY_ADDRESS = "temporary_address";
    private static final List<String> OPTIONAL = List.of(DATE_OF_DEATH, TEMPORARY_WARD, TEMPORARY_ADDRESS);
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern ISO_DATE_SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern SHORT_NUMBER = Pattern.compile("\\d{1,4}");
    private static final Pattern WHITESPACE_RUN = Pattern.compile("[\\s\\p{Z}]+");
    private static final Pattern NEEDS_QUOTES = Pattern.compile("[\",\\r\\n]|^\\s|\\s$");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private RegistryCsv() {
    }

    /**
     * Reads a registry CSV, judging "in the future" against today's date in Vietnam.
     *
     * @param in    the CSV text; read to the end but not closed
     * @param units administrative units used to check ward codes
     * @param sink  receives each row's outcome
     * @return the number of data rows seen (accepted plus rejected; blank lines not counted)
     * @throws IllegalArgumentException if the header row is missing or lacks required columns
     * @throws UncheckedIOException     if {@code in} fails
     */
    public static long read(Reader in, AdministrativeUnits units, Sink sink) {
        return read(in, units, sink, LocalDate.now(VIETNAM));
    }

    /**
     * Reads a registry CSV, as {@link #read(Reader, AdministrativeUnits, Sink)} but with an explicit
     * current date (dates of birth and death after {@code today} are rejected).
     */
    public static long read(Reader in, AdministrativeUnits units, Sink sink, LocalDate today) {
        Objects.requireNonNull(units, "units");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(today, "today");
        CSVParser parser = open(in);
        Iterator<CSVRecord> records = parser.iterator();
        Columns columns = Columns.fromHeader(records);
        RowValidator validator = new RowValidator(units, today);
        long rows = 0;
        while (true) {
            long line = parser.getCurrentLineNumber() + 1;
            CSVRecord record;
            try {
                record = records.hasNext() ? records.next() : null;
            } catch (UncheckedIOException e) {
                sink.reject(line, "malformed CSV, reading stopped: " + malformedCsvMessage(e));
                return rows + 1;
            }
            if (record == null) {
                return rows;
            }
            if (!isBlankLine(record)) {
                rows++;
                validator.validate(record, columns, line, sink);
            }
        }
    }

    /** Writes the header row ({@value #HEADER}) with a CRLF line end. */
    public static void writeHeader(Appendable out) {
        append(out, HEADER + "\r\n");
    }

    /** Writes one resident as a CSV row with a CRLF line end, quoting fields as RFC 4180 requires. */
    public static void write(Appendable out, Resident resident) {
        String[] fields = {
            resident.citizenId(),
            resident.fullName(),
            Objects.toString(resident.dateOfBirth(), ""),
            resident.gender() == null ? "" : resident.gender().name(),
            resident.permanentWardCode(),
            resident.permanentAddress(),
            resident.currentWardCode(),
            resident.currentAddress(),
            Objects.toString(resident.dateOfDeath(), ""),
            resident.temporaryWardCode(),
            resident.temporaryAddress(),
        };
        StringBuilder row = new StringBuilder(160);
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                row.append(',');
            }
            appendField(row, fields[i] == null ? "" : fields[i]);
        }
        append(out, row.append("\r\n"));
    }

    private static void appendField(StringBuilder row, String value) {
        if (NEEDS_QUOTES.matcher(value).find()) {
            row.append('"').append(value.replace("\"", "\"\"")).append('"');
        } else {
            row.append(value);
        }
    }

    private static void append(Appendable out, CharSequence text) {
        try {
            out.append(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens a parser after skipping a byte-order mark. The reader is the caller's: it is not closed here. */
    private static CSVParser open(Reader in) {
        try {
            BufferedReader buffered = new BufferedReader(Objects.requireNonNull(in, "in"));
            buffered.mark(1);
            if (buffered.read() != BYTE_ORDER_MARK) {
                buffered.reset();
            }
            return CSVParser.parse(buffered, FORMAT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the parser's description of a syntax error; rethrows real I/O failures. */
    private static String malformedCsvMessage(UncheckedIOException e) {
        if (e.getCause() instanceof CSVException) {
            return e.getCause().getMessage();
        }
        throw e;
    }

    private static boolean isBlankLine(CSVRecord record) {
        return record.size() == 1 && record.get(0).isBlank();
    }

    /** Positions of the known columns in the file's header. */
    private static final class Columns {
        private final Map<String, Integer> index;
        private final int width;

        private Columns(Map<String, Integer> index, int width) {
            this.index = index;
            this.width = width;
        }

        static Columns fromHeader(Iterator<CSVRecord> records) {
            CSVRecord header = null;
            try {
                // Check the state before hasNext(): hasNext() reads ahead, which would skew line numbers.
                while ((header == null || isBlankLine(header)) && records.hasNext()) {
                    header = records.next();
                }
            } catch (UncheckedIOException e) {
                throw new IllegalArgumentException("malformed header row: " + malformedCsvMessage(e), e);
            }
            if (header == null || isBlankLine(header)) {
                throw new IllegalArgumentException("header row is required: " + HEADER);
            }
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i).strip().toLowerCase(Locale.ROOT);
                if (COLUMNS.contains(name) && index.putIfAbsent(name, i) != null) {
                    throw new IllegalArgumentException("duplicate column in header: " + name);
                }
            }
            List<String> missing = new ArrayList<>();
            for (String column : COLUMNS) {
                if (!OPTIONAL.contains(column) && !index.containsKey(column)) {
                    missing.add(column);
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("missing required column(s): " + String.join(", ", missing));
            }
            return new Columns(index, header.size());
        }

        /** Whether the record has as many fields as the header; optional columns that end the header may be cut off. */
        boolean fits(CSVRecord record) {
            if (record.size() == width) {
                return true;
            }
            if (record.size() > width || record.size() == 0) {
                return false;
            }
            for (var e : index.entrySet()) {
                if (e.getValue() >= record.size() && !OPTIONAL.contains(e.getKey())) {
                    return false;
                }
            }
            // the cut-off columns must all be known optional ones (an unknown column cut off is a short row)
            long known = index.values().stream().filter(i -> i >= record.size()).count();
            return known == width - record.size();
        }

        int width() {
            return width;
        }

        /** The stripped value, or an empty string when the column is absent or cut off. */
        String value(CSVRecord record, String column) {
            Integer i = index.get(column);
            return i == null || i >= record.size() ? "" : record.get(i).strip();
        }
    }

    /** Validates and converts one record. */
    private static final class RowValidator {
        private final AdministrativeUnits units;
        private final LocalDate today;

        RowValidator(AdministrativeUnits units, LocalDate today) {
            this.units = units;
            this.today = today;
        }

        void validate(CSVRecord record, Columns columns, long line, Sink sink) {
            if (!columns.fits(record)) {
                sink.reject(line, "expected " + columns.width() + " columns but found " + record.size());
                return;
            }
            List<String> problems = new ArrayList<>(2);
            String citizenId = columns.value(record, "citizen_id");
            if (!CitizenId.isWellFormed(citizenId)) {
                problems.add("citizen_id must be 12 digits");
            }
            String fullName = required(columns.value(record, "full_name"), "full_name", problems);
            LocalDate dateOfBirth = date(columns.value(record, "date_of_birth"), "date_of_birth", true, problems);
            Gender gender = gender(columns.value(record, "gender"), problems);
            String permanentWard = wardCode(columns.value(record, "permanent_ward_code"), "permanent_ward_code", problems);
            String permanentAddress = required(columns.value(record, "permanent_address"), "permanent_address", problems);
            String currentWard = wardCode(columns.value(record, "current_ward_code"), "current_ward_code", problems);
            String currentAddress = required(columns.value(record, "current_address"), "current_address", problems);
            LocalDate dateOfDeath = date(columns.value(record, DATE_OF_DEATH), DATE_OF_DEATH, false, problems);
            String temporaryWardValue = columns.value(record, TEMPORARY_WARD);
            String temporaryWard = temporaryWardValue.isEmpty() ? null : wardCode(temporaryWardValue, TEMPORARY_WARD, problems);
            String temporaryAddress = text(columns.value(record, TEMPORARY_ADDRESS));
            if (temporaryWard != null && temporaryAddress.isEmpty()) {
                problems.add("temporary_address is required with temporary_ward_code");
            }
            if (dateOfBirth != null && dateOfDeath != null && dateOfDeath.isBefore(dateOfBirth)) {
                problems.add("date_of_death before date_of_birth");
            }
            if (problems.isEmpty()) {
                sink.accept(new Resident(citizenId, fullName, dateOfBirth, gender, permanentWard, permanentAddress,
                        currentWard, currentAddress, dateOfDeath, temporaryWard,
                        temporaryWard == null ? null : temporaryAddress));
            } else {
                sink.reject(line, String.join("; ", problems));
            }
        }

        private LocalDate date(String value, String field, boolean required, List<String> problems) {
            if (value.isEmpty()) {
                if (required) {
                    problems.add(field + " is required");
                }
                return null;
            }
            LocalDate date = parseIsoDate(value);
            if (date == null) {
                problems.add(field + " must be YYYY-MM-DD");
            } else if (date.isAfter(today)) {
                problems.add(field + " in the future");
            }
            return date;
        }

        /** Strict {@code YYYY-MM-DD}, or {@code null}. */
        private static LocalDate parseIsoDate(String value) {
            if (!ISO_DATE_SHAPE.matcher(value).matches()) {
                return null;
            }
            try {
                return LocalDate.parse(value, ISO_DATE);
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        private static Gender gender(String value, List<String> problems) {
            switch (value.toUpperCase(Locale.ROOT)) {
                case "MALE":
                    return Gender.MALE;
                case "FEMALE":
                    return Gender.FEMALE;
                default:
                    problems.add("gender must be MALE or FEMALE");
                    return null;
            }
        }

        private String wardCode(String value, String field, List<String> problems) {
            if (value.isEmpty()) {
                problems.add(field + " is required");
                return value;
            }
            String code = SHORT_NUMBER.matcher(value).matches() ? "0".repeat(5 - value.length()) + value : value;
            if (!units.isWard(code)) {
                problems.add("unknown " + field + " " + abbreviate(value));
            }
            return code;
        }

        private static String required(String value, String field, List<String> problems) {
            String normalized = text(value);
            if (normalized.isEmpty()) {
                problems.add(field + " is required");
            }
            return normalized;
        }

        private static String text(String value) {
            return WHITESPACE_RUN.matcher(Normalizer.normalize(value, Normalizer.Form.NFC)).replaceAll(" ").strip();
        }

        private static String abbreviate(String value) {
            return value.length() <= 20 ? value : value.substring(0, 20) + "…";
        }
    }
}
