package vn.movepass.shared.testhelper;

import java.util.Arrays;
import vn.movepass.shared.config.IdSource;

/** An {@link IdSource} whose n-th draw is n repeated: ids differ, and a test can predict them. */
public final class SequentialIds implements IdSource {
    private int next = 1;

    @Override
    public synchronized void nextBytes(byte[] into) {
        Arrays.fill(into, (byte) next++);
    }
}
