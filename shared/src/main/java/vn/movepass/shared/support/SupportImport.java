package vn.movepass.shared.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.error.DomainException;
import vn.movepass.shared.error.FieldError;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.error.MalformedInputException;
import vn.movepass.shared.store.ResidentItem;

/**
 * {@code POST /v1/wards/{wardCode}/support-cases/import}: a ward's beneficiaries as CSV ({@value SupportParser#CSV_HEADER};
 * header row required, unknown columns ignored), streamed record by record in constant memory. Each line is judged
 * like {@code POST …/support-cases} and either creates its case, is {@code unchanged} (its case already exists: the same
 * file imported again creates nothing new, as a case's id derives from ward, citizen and policy), or is rejected with
 * its physical line number (the header is line 1) and the first error's code; a rejected line stores nothing. Lines
 * are taken in chunks of {@value #CHUNK}: one BatchGetItem of their residents, one transaction per line, then one audit
 * batch of the cases entered. Broken quoting rejects that line and ends the reading (the rest cannot be split reliably).
 */
public final class SupportImport {
    static final int CHUNK = 25;
    /** The answer lists at most this many rejected lines (their count is always whole). */
    public static final int MAX_REJECTED_LISTED = 1_000;
    private static final List<String> COLUMNS = List.of(SupportParser.CSV_HEADER.split(","));
    private static final List<String> REQUIRED = List.of("citizen_id", "full_name", "date_of_birth", "gender", "policy_id",
            "residence");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private final SupportService service;
    private final SupportParser parser;

    public SupportImport(SupportService service, SupportParser parser) {
        this.service = service;
        this.parser = parser;
    }

    public record Rejected(long line, String code, String field) {
    }

    public record Result(long imported, long unchanged, long rejectedLines, List<Rejected> rejected) {
    }

    private record Line(long number, SupportCaseRequest request) {
    }

    /** Imports the CSV; {@code progress} hears the number of lines handled so far after every chunk (may be null). */
    public Result importCsv(Principal by, String wardCode, Reader in, LongConsumer progress) {
        service.requireWard(by, wardCode);
        Tally tally = new Tally();
        CSVParser csv;
        try {
            BufferedReader buffered = new BufferedReader(in);
            buffered.mark(1);
            if (buffered.read() != '\uFEFF') {
                buffered.reset();
            }
            csv = CSVParser.parse(buffered, FORMAT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Iterator<CSVRecord> records = csv.iterator();
        Map<String, Integer> columns = header(records);
        List<Line> chunk = new ArrayList<>(CHUNK);
        long handled = 0;
        while (true) {
            long line = csv.getCurrentLineNumber() + 1;
            CSVRecord record;
            try {
                record = records.hasNext() ? records.next() : null;
            } catch (UncheckedIOException e) {
                tally.reject(line, "MALFORMED_CSV", null);
                break;
            }
            if (record == null) {
                break;
            }
            if (record.size() == 1 && record.get(0).isBlank()) {
                continue;
            }
            handled++;
            Map<String, String> values = new HashMap<>();
            columns.forEach((name, i) -> values.put(name, i < record.size() ? record.get(i) : null));
            if (record.size() < width(columns)) {
                tally.reject(line, "COLUMNS", null);
                continue;
            }
            try {
                chunk.add(new Line(line, parser.csvLine(values)));
            } catch (InvalidInputException e) {
                FieldError first = e.errors().get(0);
                tally.reject(line, first.code(), first.field());
            }
            if (chunk.size() == CHUNK) {
                write(by, wardCode, chunk, tally);
                if (progress != null) {
                    progress.accept(handled);
                }
            }
        }
        write(by, wardCode, chunk, tally);
        if (progress != null) {
            progress.accept(handled);
        }
        return new Result(tally.imported, tally.unchanged, tally.rejectedLines, List.copyOf(tally.rejected));
    }

    private void write(Principal by, String wardCode, List<Line> chunk, Tally tally) {
        if (chunk.isEmpty()) {
            return;
        }
        List<String> ids = chunk.stream().map(l -> l.request().citizenId()).toList();
        Map<String, ResidentItem> residents = service.residents(ids);
        List<String> entered = new ArrayList<>(chunk.size());
        for (Line l : chunk) {
            Instant now = service.now();
            try {
                service.enter(by, wardCode, l.request(), residents.get(l.request().citizenId()), now);
                tally.imported++;
                entered.add(l.request().citizenId());
            } catch (SupportService.Taken taken) {
                if (taken.same) {
                    tally.unchanged++;
                } else {
                    tally.reject(l.number(), "ALREADY_REGISTERED", "citizenId");
                }
            } catch (InvalidInputException e) {
                FieldError first = e.errors().get(0);
                tally.reject(l.number(), first.code(), first.field());
            } catch (DomainException e) {
                throw e; // 503 and the like: the whole answer; lines before it are stored, the same file again resumes
            }
        }
        chunk.clear();
        // the cases entered are look-ups of the registry (the ward's list shows them): audited; refused lines store nothing
        service.auditEntries(by, wardCode, entered);
    }

    private static int width(Map<String, Integer> columns) {
        int max = 0;
        for (String name : REQUIRED) {
            max = Math.max(max, columns.get(name) + 1);
        }
        return max;
    }

    private static Map<String, Integer> header(Iterator<CSVRecord> records) {
        CSVRecord header = null;
        try {
            while ((header == null || header.size() == 1 && header.get(0).isBlank()) && records.hasNext()) {
                header = records.next();
            }
        } catch (UncheckedIOException e) {
            throw new MalformedInputException("the header row could not be read");
        }
        if (header == null) {
            throw new MalformedInputException("a header row is required: " + SupportParser.CSV_HEADER);
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip().toLowerCase(Locale.ROOT);
            if (COLUMNS.contains(name) && index.putIfAbsent(name, i) != null) {
                throw new MalformedInputException("duplicate column in the header: " + name);
            }
        }
        List<String> missing = REQUIRED.stream().filter(c -> !index.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new MalformedInputException("missing column(s) in the header: " + String.join(", ", missing));
        }
        return index;
    }

    private static final class Tally {
        long imported;
        long unchanged;
        long rejectedLines;
        final List<Rejected> rejected = new ArrayList<>();

        void reject(long line, String code, String field) {
            rejectedLines++;
            if (rejected.size() < MAX_REJECTED_LISTED) {
                rejected.add(new Rejected(line, code, field));
            }
        }
    }
}
