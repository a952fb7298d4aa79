package vn.movepass.shared.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import vn.movepass.shared.domain.Gender;

class ChipCardQrTest {

    private static final String CARD =
            "079090123456|025123456|Nguyễn Văn An|01011990|Nam|12 Lê Lợi, Bến Nghé, Quận 1, TP Hồ Chí Minh|15082021";

    @Test
    void parsesAllFields() {
        ChipCard card = ChipCardQr.parse(CARD).orElseThrow();
        assertEquals(new ChipCard("079090123456", "025123456", "Nguyễn Văn An", LocalDate.of(1990, 1, 1),
                Gender.MALE, "12 Lê Lợi, Bến Nghé, Quận 1, TP Hồ Chí Minh", LocalDate.of(2021, 8, 15)), card);
        assertTrue(ChipCardQr.looksLikeCard(CARD));
    }

    @Test
    void toleratesNulsBomWhitespaceAndBlankTrailingFields() {
        String raw = "\uFEFF \u0000079090\u0000123456||Trần Thị\u0000 Bích|05062001|Nữ|||\r\n\u0000";
        assertTrue(ChipCardQr.looksLikeCard(raw));
        ChipCard card = ChipCardQr.parse(raw).orElseThrow();
        assertEquals("079090123456", card.citizenId());
        assertNull(card.oldId(), "empty old id");
        assertEquals("Trần Thị Bích", card.fullName());
        assertEquals(LocalDate.of(2001, 6, 5), card.dateOfBirth());
        assertEquals(Gender.FEMALE, card.gender());
        assertNull(card.address());
        assertNull(card.issuedOn());
    }

    @Test
    void acceptsSixFieldsWithoutIssueDate() {
        ChipCard card = ChipCardQr.parse("001305000042||Lê Thị Hoa|29022004|NỮ|Thôn 3, Xã Yên Bài").orElseThrow();
        assertEquals(LocalDate.of(2004, 2, 29), card.dateOfBirth());
        assertEquals(Gender.FEMALE, card.gender());
        assertNull(card.issuedOn());
    }

    @Test
    void ignoresExtraFields() {
        assertTrue(ChipCardQr.parse(CARD + "|extra|more").isPresent());
    }

    @Test
    void decomposedNameIsReturnedComposed() {
        String nfd = Normalizer.normalize(CARD, Normalizer.Form.NFD);
        ChipCard card = ChipCardQr.parse(nfd).orElseThrow();
        assertEquals("Nguyễn Văn An", card.fullName());
        assertEquals(Gender.MALE, card.gender());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Nam", "nam", "NAM", " Nam ", "Male", "MALE", "male"})
    void maleSpellings(String value) {
        assertEquals(Gender.MALE, withGender(value).gender());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Nữ", "nữ", "NỮ", "Nu", "nu", "Female", "FEMALE"})
    void femaleSpellings(String value) {
        assertEquals(Gender.FEMALE, withGender(value).gender());
        String nfd = Normalizer.normalize(value, Normalizer.Form.NFD);
        assertEquals(Gender.FEMALE, withGender(nfd).gender(), "NFD " + value);
    }

    @Test
    void unknownGenderIsNullNotRejected() {
        assertNull(withGender("Khác").gender());
        assertNull(withGender("").gender());
    }

    @Test
    void unreadableIssueDateIsNull() {
        assertNull(ChipCardQr.parse(CARD.replace("15082021", "31022021")).orElseThrow().issuedOn());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "79090123456|025123456|Nguyễn Văn An|01011990|Nam|12 Lê Lợi|15082021",
        "07909012345X|025123456|Nguyễn Văn An|01011990|Nam|12 Lê Lợi|15082021",
        "079090123456|025123456| \u0000 |01011990|Nam|12 Lê Lợi|15082021",
        "079090123456|025123456|Nguyễn Văn An|31021990|Nam|12 Lê Lợi|15082021",
        "079090123456|025123456|Nguyễn Văn An|1990-01-01|Nam|12 Lê Lợi|15082021",
        "079090123456|025123456|Nguyễn Văn An||Nam|12 Lê Lợi|15082021",
        "079090123456|025123456|Nguyễn Văn An|01011990|Nam",
        "https://example.com/?q=079090123456",
        "|||||",
    })
    void rejectsUnusableInput(String raw) {
        assertEquals(Optional.empty(), ChipCardQr.parse(raw));
    }

    @Test
    void looksLikeCardNeedsTwelveLeadingDigitsAndAPipe() {
        assertFalse(ChipCardQr.looksLikeCard(null));
        assertFalse(ChipCardQr.looksLikeCard("079090123456"));
        assertFalse(ChipCardQr.looksLikeCard("https://a.example/|079090123456"));
        assertFalse(ChipCardQr.looksLikeCard("0790901234567|x"));
        assertFalse(ChipCardQr.looksLikeCard("07909012345|x"));
        assertTrue(ChipCardQr.looksLikeCard("\u0000\u0000 079090123456|"));
    }

    @Test
    void neverThrowsOnRandomInput() {
        SplittableRandom random = new SplittableRandom(2021);
        String alphabet = "0123456789||||||\u0000\uFEFF \t\r\nNamNữ\u0303aĐđ/-\uD83D\uDE00\uD800";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder raw = new StringBuilder();
            if (random.nextBoolean()) {
                raw.append("079090123456|");
            }
            int length = random.nextInt(80);
            for (int j = 0; j < length; j++) {
                raw.append(random.nextInt(10) == 0
                        ? (char) random.nextInt(Character.MAX_VALUE + 1)
                        : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = raw.toString();
            ChipCardQr.looksLikeCard(text);
            Optional<ChipCard> card = ChipCardQr.parse(text);
            card.ifPresent(c -> assertTrue(CitizenId.isWellFormed(c.citizenId()), text));
        }
    }

    private static ChipCard withGender(String gender) {
        return ChipCardQr.parse("079090123456|025123456|Nguyễn Văn An|01011990|" + gender + "|12 Lê Lợi|15082021")
                .orElseThrow();
    }
}
