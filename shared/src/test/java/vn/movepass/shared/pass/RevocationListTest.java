package vn.movepass.shared.pass;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.auth.Role;
import vn.movepass.shared.error.ForbiddenException;
import vn.movepass.shared.testhelper.MutableClock;

/**
 * The revocation list's entries (what the checkpoint page computes from a token), who may read the list, and its snapshot:
 * read at most once per max-age on the injected clock, served whole with the instant it was read.
 */
class RevocationListTest {
    private static final Principal OFFICER = new Principal("o", Role.CHECKPOINT_OFFICER, "CP-A", null, null);
    private static final String A = "AAAAAAAAAAAAAAAAAAAAAA";
    private static final String B = "BBBBBBBBBBBBBBBBBBBBBA";

    /** A table that counts its reads and answers the ids revoked so far. */
    private static final class Table {
        final List<String> revoked = new ArrayList<>();
        final List<Instant> reads = new ArrayList<>();

        List<String> read(Instant at) {
            reads.add(at);
            return List.copyOf(revoked);
        }
    }

    @Test
    void theListIsReadAtMostOncePerMaxAgeAndARevocationIsListedFromTheNextRead() {
        Table table = new Table();
        MutableClock clock = MutableClock.at("2026-12-05T08:00:00Z");
        RevocationList list = new RevocationList(table::read, clock, Duration.ofSeconds(60));
        table.revoked.add(A);
        RevocationList.View first = list.current(OFFICER);
        assertEquals(List.of(RevocationList.entry(A)), first.revoked());
        assertEquals("2026-12-05T08:00:00Z", first.asOf());

        table.revoked.add(B);
        clock.advance(Duration.ofSeconds(59));
        for (int i = 0; i < 1_000; i++) {
            assertEquals(first, list.current(OFFICER), "served from the snapshot, its asOf unchanged");
        }
        assertEquals(1, table.reads.size(), "one read for a thousand requests within the max-age");

        clock.advance(Duration.ofSeconds(1));
        RevocationList.View second = list.current(OFFICER);
        assertEquals(2, table.reads.size(), "read again at the max-age");
        assertEquals("2026-12-05T08:01:00Z", second.asOf());
        assertEquals(2, second.count());
        assertTrue(second.revoked().contains(RevocationList.entry(B)), "the revocation is listed from the next read");
        assertTrue(second.revoked().contains(RevocationList.entry(A)), "and the one revoked long ago stays listed");
        assertEquals(second.revoked().stream().sorted().toList(), second.revoked(), "sorted");

        clock.advance(Duration.ofHours(3));
        assertEquals(2, list.current(OFFICER).count());
        assertEquals(3, table.reads.size());
    }

    @Test
    void aClockTurnedBackBeforeTheSnapshotReadsAgainAndMaxAgeZeroReadsEveryTime() {
        Table table = new Table();
        MutableClock clock = MutableClock.at("2026-12-05T08:00:00Z");
        RevocationList list = new RevocationList(table::read, clock, Duration.ofSeconds(60));
        list.current(OFFICER);
        clock.set(Instant.parse("2026-12-05T07:59:30Z"));
        assertEquals("2026-12-05T07:59:30Z", list.current(OFFICER).asOf(), "a snapshot from the future is not served");
        assertEquals(2, table.reads.size());

        RevocationList uncached = new RevocationList(table::read, clock, Duration.ZERO);
        uncached.current(OFFICER);
        uncached.current(OFFICER);
        assertEquals(4, table.reads.size());
        assertThrows(IllegalStateException.class, () -> new RevocationList(table::read, clock, Duration.ofSeconds(-1)));
    }

    @Test
    void theETagNamesTheEntriesSoACurrentCopyIsNotModifiedAcrossSnapshots() {
        Table table = new Table();
        MutableClock clock = MutableClock.at("2026-12-05T08:00:00Z");
        RevocationList list = new RevocationList(table::read, clock, Duration.ofSeconds(60));
        table.revoked.add(A);
        RevocationList.Answer first = list.current(OFFICER, null);
        assertEquals(List.of(RevocationList.entry(A)), first.list().revoked());
        assertTrue(first.etag().matches("\"[A-Za-z0-9_-]{22}\""), first.etag());
        assertTrue(list.current(OFFICER, first.etag()).notModified(), "the same snapshot");
        assertEquals(first.list(), list.current(OFFICER, "\"other\"").list(), "another tag: the list");

        clock.advance(Duration.ofSeconds(61));
        RevocationList.Answer same = list.current(OFFICER, first.etag());
        assertTrue(same.notModified(), "read again, the same entries: still current");
        assertEquals(2, table.reads.size());

        table.revoked.add(B);
        clock.advance(Duration.ofSeconds(61));
        RevocationList.Answer changed = list.current(OFFICER, first.etag());
        assertEquals(2, changed.list().count(), "a new entry: the list, with a new tag");
        assertTrue(!changed.etag().equals(first.etag()), changed.etag());
    }

    @Test
    void aCallerTheRoleForbidsReadsNothing() {
        Table table = new Table();
        RevocationList list = new RevocationList(table::read, MutableClock.at("2026-12-05T08:00:00Z"), Duration.ofSeconds(60));
        assertThrows(ForbiddenException.class, () -> list.current(new Principal("x", Role.ANALYST, null, null, null)));
        assertEquals(List.of(), table.reads);
    }

    @Test
    void anEntryIsTheFirstEightBytesOfTheSha256OfThePassIdBytes() {
        // 16 zero bytes: SHA-256 = 374708fff7719dd5979ec875d56cd2286f6d3cf7ec317a3b25632aab28ec37bb
        assertEquals("N0cI__dxndU", RevocationList.entry(new byte[16]));
        assertEquals("N0cI__dxndU", RevocationList.entry("AAAAAAAAAAAAAAAAAAAAAA"), "the textual id gives the same entry");
    }

    @Test
    void officersPhonesAndAdminMayReadItCamerasAndOtherRolesMayNot() {
        assertDoesNotThrow(() -> RevocationList.requireReader(new Principal("o", Role.CHECKPOINT_OFFICER, "CP-A", null, null)));
        assertDoesNotThrow(() -> RevocationList.requireReader(new Principal("a", Role.ADMIN, null, null, null)));
        assertThrows(ForbiddenException.class, () -> RevocationList.requireReader(
                new Principal("c", Role.CHECKPOINT_OFFICER, "CP-A", null, null, Principal.CAMERA)));
        for (Role role : new Role[] {Role.WARD_POLICE, Role.HEALTH_OFFICIAL, Role.ANALYST}) {
            assertThrows(ForbiddenException.class, () -> RevocationList.requireReader(new Principal("x", role, null, null, null)));
        }
    }
}
