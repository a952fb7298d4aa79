package vn.movepass.local.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock plus an offset that {@code POST /dev/clock} moves forward, shared by every function. On a data
 * dir the offset is kept in a file beside the data, so a restart does not turn the clock back (an EXPIRED pass would
 * scan VALID again).
 */
public final class DevClock extends Clock {
    private final Clock base;
    private final Path offsetFile;
    private final AtomicReference<Duration> offset;

    public DevClock(Clock base) {
        this(base, null, Duration.ZERO);
    }

    private DevClock(Clock base, Path offsetFile, Duration offset) {
        this.base = base;
        this.offsetFile = offsetFile;
        this.offset = new AtomicReference<>(offset);
    }

    /** A clock whose offset lives in {@code offsetFile} (an ISO-8601 duration), read now and written on each advance. */
    public static DevClock persistent(Clock base, Path offsetFile) {
        Duration saved = Duration.ZERO;
        try {
            if (Files.isRegularFile(offsetFile)) {
                saved = Duration.parse(Files.readString(offsetFile, StandardCharsets.US_ASCII).trim());
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the dev clock's offset from " + offsetFile + ": " + e.getMessage(), e);
        }
        return new DevClock(base, offsetFile, saved.isNegative() ? Duration.ZERO : saved);
    }

    /** How far ahead of the system clock this clock runs. */
    public Duration offset() {
        return offset.get();
    }

    public synchronized Instant advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        Duration next = offset.accumulateAndGet(by, Duration::plus);
        if (offsetFile != null) {
            save(next);
        }
        return instant();
    }

    private void save(Duration value) {
        try {
            Path tmp = offsetFile.resolveSibling(offsetFile.getFileName() + ".tmp");
            Files.writeString(tmp, value.toString() + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, offsetFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the dev clock's offset in " + offsetFile, e);
        }
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the dev clock is UTC");
    }
}
