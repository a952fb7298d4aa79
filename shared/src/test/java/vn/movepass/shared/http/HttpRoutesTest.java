package vn.movepass.shared.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class HttpRoutesTest {
    private static final String CITIZEN_ID = "079201001234";

    @Test
    void aFailureIsLoggedByTypeAndFramesWithoutItsMessages() {
        var cause = new UncheckedIOException("reading " + CITIZEN_ID, new java.io.IOException("Nguyễn Văn A"));
        var failure = new IllegalStateException("no resident " + CITIZEN_ID, cause);
        failure.addSuppressed(new RuntimeException(CITIZEN_ID));

        String logged = HttpRoutes.withoutMessages(failure);

        assertTrue(logged.startsWith(IllegalStateException.class.getName()), logged);
        assertTrue(logged.contains("Caused by: " + UncheckedIOException.class.getName()), logged);
        assertTrue(logged.contains("Caused by: java.io.IOException"), logged);
        assertTrue(logged.contains("\tat " + HttpRoutesTest.class.getName()), "the frames are kept: " + logged);
        assertFalse(logged.contains(CITIZEN_ID), logged);
        assertFalse(logged.contains("Nguyễn"), logged);
    }

    @Test
    void aLongTraceIsCutAndACycleEnds() {
        var failure = new RuntimeException("x");
        var cause = new RuntimeException("y");
        failure.initCause(cause);
        cause.initCause(failure);
        StackTraceElement frame = new StackTraceElement("a.B", "m", "B.java", 1);
        StackTraceElement[] frames = new StackTraceElement[HttpRoutes.MAX_FRAMES + 5];
        java.util.Arrays.fill(frames, frame);
        failure.setStackTrace(frames);

        String logged = HttpRoutes.withoutMessages(failure);

        assertTrue(logged.contains("\t... 5 more" + System.lineSeparator() + "Caused by: "), logged);
        assertTrue(logged.indexOf("Caused by: ") == logged.lastIndexOf("Caused by: "), "each exception once: " + logged);
    }
}
