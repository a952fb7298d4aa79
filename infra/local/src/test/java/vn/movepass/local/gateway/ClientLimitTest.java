package vn.movepass.local.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClientLimitTest {
    @Test
    void eachAddressGetsItsBurstThenWaits() {
        ClientLimit limit = new ClientLimit(3);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limit.take("10.0.0.1"));
        }
        int wait = limit.take("10.0.0.1");
        assertTrue(wait >= 1 && wait <= 20, "wait " + wait);
        assertEquals(0, limit.take("10.0.0.2"), "another address has its own bucket");
    }

    @Test
    void zeroIsOff() {
        ClientLimit off = new ClientLimit(0);
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, off.take("10.0.0.1"));
        }
    }
}
