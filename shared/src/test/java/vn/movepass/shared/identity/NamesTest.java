package vn.movepass.shared.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    private static final String NFC = "Nguyễn Văn An";

    @ParameterizedTest
    @ValueSource(strings = {"Nguyễn Văn An", "NGUYEN  VAN AN", " nguyen van an ", "nguyễn\tvăn\u00A0an",
        "NGUYỄN VĂN AN", "Nguyen\u2003Van\r\nAn"})
    void spellingsOfTheSameNameMatch(String typed) {
        assertTrue(Names.sameName(NFC, typed), typed);
        assertEquals("NGUYEN VAN AN", Names.matchKey(typed));
    }

    @Test
    void decomposedUnicodeMatchesComposed() {
        String nfd = Normalizer.normalize(NFC, Normalizer.Form.NFD);
        assertFalse(nfd.equals(NFC), "precondition: the NFD form differs");
        assertTrue(Names.sameName(NFC, nfd));
    }

    @Test
    void dWithStrokeBecomesD() {
        assertEquals("DANG", Names.matchKey("Đặng"));
        assertEquals("DO DUC DUNG", Names.matchKey("đỗ đức dũng"));
        assertTrue(Names.sameName("Đặng Thị Thu", "DANG THI THU"));
    }

    @Test
    void differentNamesDoNotMatch() {
        assertFalse(Names.sameName("Nguyễn Văn An", "Nguyễn Văn Anh"));
        assertFalse(Names.sameName("Lê Thị Hoa", "Lê Thi Hoà Bình"));
    }

    @Test
    void blankOrNullNamesNeverMatch() {
        assertEquals("", Names.matchKey(null));
        assertEquals("", Names.matchKey(" \u00A0\t"));
        assertFalse(Names.sameName(null, null));
        assertFalse(Names.sameName("", " "));
        assertFalse(Names.sameName("An", null));
    }

    @Test
    void allVietnameseVowelsLoseTheirMarks() {
        String vowels = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ";
        String key = Names.matchKey(vowels + vowels.toUpperCase());
        assertTrue(key.chars().allMatch(c -> "AEIOUY".indexOf(c) >= 0), key);
    }
}
