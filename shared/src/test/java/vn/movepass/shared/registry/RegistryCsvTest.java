package vn.movepass.shared.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import vn.movepass.shared.domain.Gender;
import vn.movepass.shared.domain.Resident;
import vn.movepass.shared.geo.AdministrativeUnits;

class RegistryCsvTest {

    private static final LocalDate TODAY = LocalDate.of(2021, 9, 1);
    private static final String HEADER = RegistryCsv.HEADER + "\r\n";
    private static final String AN =
            "079090123456,Nguyễn Văn An,1990-01-01,MALE,26734,12 Lê Lợi,26734,12 Lê Lợi,\r\n";
    private static final Resident AN_RESIDENT = new Resident("079090123456", "Nguyễn Văn An",
            LocalDate.of(1990, 1, 1), Gender.MALE, "26734", "12 Lê Lợi", "26734", "12 Lê Lợi", null);

    @Test
    void readsAValidRow() {
        Collected result = read(HEADER + AN);
        assertEquals(1, result.rows);
        assertEquals(List.of(AN_RESIDENT), result.accepted);
        assertEquals(List.of(), result.rejected);
    }

    @Test
    void toleratesBomLfLineEndsAndBlankLines() {
        Collected result = read("\uFEFF" + RegistryCsv.HEADER + "\n\n" + AN.replace("\r\n", "\n") + "\n\n");
        assertEquals(1, result.rows);
        assertEquals(List.of(AN_RESIDENT), result.accepted);
    }

    @Test
    void columnOrderIsFreeUnknownColumnsAreIgnoredAndDateOfDeathMayBeAbsent() {
        String csv = "Gender,current_address,note,full_name,citizen_id,date_of_birth,current_ward_code,"
                + "permanent_ward_code,permanent_address\n"
                + "FEMALE,\"Số 45 ngõ 3 Nguyễn Trãi\",whatever,Trần Thị Bích,001305000042,2005-01-01,00001,1,"
                + "\"Thôn 3, xã Yên Bài\"\n";
        Collected result = read(csv);
        assertEquals(List.of(), result.rejected);
        assertEquals(new Resident("001305000042", "Trần Thị Bích", LocalDate.of(2005, 1, 1), Gender.FEMALE,
                "00001", "Thôn 3, xã Yên Bài", "00001", "Số 45 ngõ 3 Nguyễn Trãi", null), result.accepted.get(0));
    }

    @Test
    void trimsValuesAndNormalisesNamesToNfc() {
        String nfdName = java.text.Normalizer.normalize("Nguyễn  Văn An", java.text.Normalizer.Form.NFD);
        String row = "  079090123456 , " + nfdName + " ,1990-01-01, male ,26734,12 Lê Lợi,26734,12 Lê Lợi, \r\n";
        assertEquals(List.of(AN_RESIDENT), read(HEADER + row).accepted);
    }

    @Test
    void wardCodesThatLostTheirLeadingZerosInASpreadsheetArePadded() {
        Collected result = read(HEADER + AN.replace("26734,12 Lê Lợi,26734", "1,12 Lê Lợi,4"));
        assertEquals("00001", result.accepted.get(0).permanentWardCode());
        assertEquals("00004", result.accepted.get(0).currentWardCode());
    }

    @Test
    void readsDateOfDeath() {
        Collected result = read(HEADER + AN.replace(",\r\n", ",2021-08-20\r\n"));
        assertEquals(LocalDate.of(2021, 8, 20), result.accepted.get(0).dateOfDeath());
    }

    @Test
    void trailingDateOfDeathFieldMayBeLeftOff() {
        Collected result = read(HEADER + AN.replace(",\r\n", "\r\n"));
        assertEquals(List.of(AN_RESIDENT), result.accepted);
    }

    @Test
    void readsATemporaryResidenceAndRoundTripsIt() {
        Collected result = read(HEADER + AN.replace(",\r\n", ",,00001,\"Tổ 5, Phúc Xá\"\r\n"));
        Resident r = result.accepted.get(0);
        assertEquals("00001", r.temporaryWardCode());
        assertEquals("Tổ 5, Phúc Xá", r.temporaryAddress());
        StringBuilder csv = new StringBuilder();
        RegistryCsv.writeHeader(csv);
        RegistryCsv.write(csv, r);
        assertEquals(List.of(r), read(csv.toString()).accepted);
    }

    @Test
    void aTemporaryWardMustExistAndComeWithAnAddress() {
        assertEquals("2: unknown temporary_ward_code 99999",
                read(HEADER + AN.replace(",\r\n", ",,99999,x\r\n")).rejected.get(0));
        assertEquals("2: temporary_address is required with temporary_ward_code",
                read(HEADER + AN.replace(",\r\n", ",,00001,\r\n")).rejected.get(0));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "79090123456,Nguyễn Văn An,1990-01-01,MALE,26734,12 Lê Lợi,26734,12 Lê Lợi,|citizen_id must be 12 digits",
        "07909012345X,Nguyễn Văn An,1990-01-01,MALE,26734,12 Lê Lợi,26734,12 Lê Lợi,|citizen_id must be 12 digits",
        "079090123456, ,1990-01-01,MALE,26734,12 Lê Lợi,26734,12 Lê Lợi,|full_name is required",
        "079090123456,Nguyễn Văn An,01/01/1990,MALE,26734,12 Lê Lợi,26734,12 Lê Lợi,|date_of_birth must be YYYY-MM-DD",
        "079090123456,Nguyễn Văn An,1990-02-30,MALE,26734,12 Lê Lợi,26734,12 Lê Lợi,|date_of_birth must be YYYY-MM-DD",
        "079090123456,Nguyễn Văn An,,MALE,26734,12 Lê Lợi,26734,12 Lê Lợi,|date_of_birth is required",
        "079090123456,Nguyễn Văn An,2021-09-02,MALE,26734,12 Lê Lợi,26734,12 Lê Lợi,|date_of_birth in the future",
        "079090123456,Nguyễn Văn An,1990-01-01,Nam,26734,12 Lê Lợi,26734,12 Lê Lợi,|gender must be MALE or FEMALE",
        "079090123456,Nguyễn Văn An,1990-01-01,MALE,99999,12 Lê Lợi,26734,12 Lê Lợi,|unknown permanent_ward_code 99999",
        "079090123456,Nguyễn Văn An,1990-01-01,MALE,267340,12 Lê Lợi,26734,12 Lê Lợi,|unknown permanent_ward_code 267340",
        "079090123456,Nguyễn Văn An,1990-01-01,MALE,,12 Lê Lợi,26734,12 Lê Lợi,|permanent_ward_code is required",
        "079090123456,Nguyễn Văn An,1990-01-01,MALE,26734,,26734,12 Lê Lợi,|permanent_address is required",
        "079090123456,Nguyễn Văn An,1990-01-01,MALE,26734,12 Lê Lợi,2673x,12 Lê Lợi,|unknown current_ward_code 2673x",
        "079090123456,Nguyễn Văn An,1990-01-01,MALE,26734,12 Lê Lợi,26734,,|current_address is required",
        "079090123456,Nguyễn Văn An,1990-01-01,MALE,26734,12 Lê Lợi,26734,12 Lê Lợi,20-08-2021|date_of_death must be YYYY-MM-DD",
        "079090123456,Nguyễn Văn An,1990-01-01,MALE,26734,12 Lê Lợi,26734,12 Lê Lợi,1989-12-31|date_of_death before date_of_birth",
        "079090123456,Nguyễn Văn An,1990-01-01,MALE,26734,12 Lê Lợi,26734,12 Lê Lợi,2021-09-02|date_of_death in the future",
        "079090123456,Nguyễn Văn An,1990-01-01,MALE,26734,12 Lê Lợi,26734|expected 11 columns but found 7",
        "079090123456,Nguyễn Văn An,1990-01-01,MALE,26734,12 Lê Lợi,26734,12 Lê Lợi,,00001,x,extra|expected 11 columns but found 12",
    })
    void rejectsInvalidRowWithAReasonNamingTheField(String row, String reason) {
        Collected result = read(HEADER + AN + row + "\r\n" + AN);
        assertEquals(3, result.rows);
        assertEquals(2, result.accepted.size(), "valid rows around it are still accepted");
        assertEquals(List.of("3: " + reason), result.rejected);
    }

    @Test
    void reportsEveryProblemOfARow() {
        Collected result = read(HEADER + "123,,1990-13-01,X,x1,a,2,b,\r\n");
        assertEquals(List.of("2: citizen_id must be 12 digits; full_name is required; "
                + "date_of_birth must be YYYY-MM-DD; gender must be MALE or FEMALE; "
                + "unknown permanent_ward_code x1; unknown current_ward_code 2"), result.rejected);
    }

    @Test
    void lineNumbersArePhysicalLinesWhereTheRecordStarts() {
        String csv = HEADER                                                    // line 1
                + AN                                                           // line 2
                + "bad1,Nguyễn Văn An,1990-01-01,MALE,26734,12 Lê Lợi,26734,12 Lê Lợi,\r\n" // 3
                + "079090123457,Nguyễn Văn Bình,1990-01-01,MALE,26734,\"12 Lê Lợi\r\n" // 4
                + "lầu 3\",26734,\"12 Lê Lợi\n(sau chợ)\",\r\n"               // 5-6
                + "\r\n"                                                       // 7 blank
                + "bad2,Nguyễn Văn An,1990-01-01,MALE,26734,12 Lê Lợi,26734,12 Lê Lợi,\r\n" // 8
                + "\"bad3\",\"Nguyễn\r\nVăn\r\nAn\",1990-01-01,MALE,26734,x,26734,y,\r\n"  // 9-11
                + "bad4,Nguyễn Văn An,1990-01-01,MALE,26734,12 Lê Lợi,26734,12 Lê Lợi,";   // 12, no line end
        Collected result = read(csv);
        assertEquals(List.of("3: citizen_id must be 12 digits", "8: citizen_id must be 12 digits",
                "9: citizen_id must be 12 digits", "12: citizen_id must be 12 digits"), result.rejected);
        assertEquals("12 Lê Lợi lầu 3", result.accepted.get(1).permanentAddress(), "line breaks become spaces");
        assertEquals(6, result.rows);
    }

    @Test
    void missingRequiredColumnsAreAnIllegalArgumentNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read("citizen_id,full_name,gender,current_ward_code,current_address,date_of_death\n"));
        assertEquals("missing required column(s): date_of_birth, permanent_ward_code, permanent_address",
                e.getMessage());
    }

    @Test
    void emptyInputHasNoHeader() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(""));
        assertTrue(e.getMessage().startsWith("header row is required"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> read("\uFEFF\r\n\r\n"));
    }

    @Test
    void duplicateColumnIsAnIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> read(RegistryCsv.HEADER + ",full_name\n"));
    }

    @Test
    void headerOnlyHasNoRows() {
        assertEquals(0, read(HEADER).rows);
    }

    @Test
    void malformedQuotingRejectsAndStops() {
        String csv = HEADER + AN + "\"079090123457\"x,Nguyễn Văn Bình,1990-01-01,MALE,26734,a,26734,b,\r\n" + AN;
        Collected result = read(csv);
        assertEquals(1, result.accepted.size());
        assertEquals(1, result.rejected.size());
        assertTrue(result.rejected.get(0).startsWith("3: malformed CSV"), result.rejected.get(0));
        assertEquals(2, result.rows);
    }

    @Test
    void malformedHeaderIsAnIllegalArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read("\"citizen_id\"x,full_name\n"));
        assertTrue(e.getMessage().startsWith("malformed header row"), e.getMessage());
    }

    @Test
    void doesNotCloseTheCallersReader() throws IOException {
        StringReader in = new StringReader(HEADER + AN);
        RegistryCsv.read(in, AdministrativeUnits.get(), new Collected(), TODAY);
        in.ready(); // throws IOException if closed
    }

    @Test
    void readerFailureIsAnUncheckedIoException() {
        Reader failing = new Reader() {
            private boolean headerSent;

            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                if (headerSent) {
                    throw new IOException("connection reset");
                }
                headerSent = true;
                HEADER.getChars(0, HEADER.length(), buffer, offset);
                return HEADER.length();
            }

            @Override
            public void close() {
            }
        };
        assertThrows(UncheckedIOException.class,
                () -> RegistryCsv.read(failing, AdministrativeUnits.get(), new Collected(), TODAY));
    }

    @Test
    void writerQuotesOnlyWhenNeededAndRoundTrips() {
        Resident tricky = new Resident("001305000042", "Trần \"Bé\" Thị Bích", LocalDate.of(2005, 1, 1),
                Gender.FEMALE, "00001", "Tổ 5, thôn 3", "00001", "Số 45 ngõ 3\nNguyễn Trãi", LocalDate.of(2021, 8, 1));
        StringBuilder csv = new StringBuilder();
        RegistryCsv.writeHeader(csv);
        RegistryCsv.write(csv, AN_RESIDENT);
        RegistryCsv.write(csv, tricky);
        assertEquals(HEADER + AN.replace("\r\n", ",,\r\n")
                + "001305000042,\"Trần \"\"Bé\"\" Thị Bích\",2005-01-01,FEMALE,00001,\"Tổ 5, thôn 3\",00001,"
                + "\"Số 45 ngõ 3\nNguyễn Trãi\",2021-08-01,,\r\n", csv.toString());
        Collected result = read(csv.toString());
        Resident singleLine = new Resident("001305000042", "Trần \"Bé\" Thị Bích", LocalDate.of(2005, 1, 1),
                Gender.FEMALE, "00001", "Tổ 5, thôn 3", "00001", "Số 45 ngõ 3 Nguyễn Trãi", LocalDate.of(2021, 8, 1));
        assertEquals(List.of(AN_RESIDENT, singleLine), result.accepted, "line breaks in text become spaces");
    }

    @Test
    void defaultTodayIsUsedWithoutExplicitDate() {
        Collected sink = new Collected();
        long rows = RegistryCsv.read(new StringReader(HEADER + AN), AdministrativeUnits.get(), sink);
        assertEquals(1, rows);
        assertEquals(1, sink.accepted.size());
    }

    private static Collected read(String csv) {
        Collected sink = new Collected();
        sink.rows = RegistryCsv.read(new StringReader(csv), AdministrativeUnits.get(), sink, TODAY);
        return sink;
    }

    private static final class Collected implements RegistryCsv.Sink {
        final List<Resident> accepted = new ArrayList<>();
        final List<String> rejected = new ArrayList<>();
        long rows;

        @Override
        public void accept(Resident resident) {
            accepted.add(resident);
        }

        @Override
        public void reject(long line, String reason) {
            rejected.add(line + ": " + reason);
        }
    }
}
