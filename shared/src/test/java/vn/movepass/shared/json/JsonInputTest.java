package vn.movepass.shared.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import vn.movepass.shared.error.InvalidInputException;

class JsonInputTest {
    private static JsonInput address(String value) {
        JsonInput in = JsonInput.root(Json.object().put("address", value));
        in.string("address", false, 200);
        return in;
    }

    @Test
    void bytesThatWereNotUtf8AreRefusedLikeControlCharacters() {
        // what a text body with the bytes C3 28 becomes once decoded as UTF-8 (by API Gateway or the local gateway)
        String decoded = new String(new byte[]{'1', '2', ' ', (byte) 0xC3, 0x28}, StandardCharsets.UTF_8);
        assertTrue(decoded.contains("\uFFFD"));
        JsonInput in = address(decoded);
        assertFalse(in.valid());
        InvalidInputException refused = assertThrows(InvalidInputException.class, in::throwIfInvalid);
        assertEquals("INVALID_CHARACTERS", refused.errors().get(0).code());
        assertFalse(address("12 Lê Lợi\uFFFF").valid(), "noncharacter");
        assertTrue(address("12 Lê Lợi 😷").valid(), "a paired surrogate is a character");
    }
}
