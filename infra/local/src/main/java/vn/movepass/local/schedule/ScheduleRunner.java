package vn.movepass.local.schedule;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.movepass.local.LocalRuntime;
import vn.movepass.local.dev.DevClock;
import vn.movepass.local.dev.DevEndpoints;
import vn.movepass.local.embedded.LocalContext;
import vn.movepass.local.template.FunctionDef;
import vn.movepass.local.template.ScheduleDef;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.json.Json;
import vn.movepass.local.embedded.AwsAccess;

/**
 * The template's schedules (ScheduleV2/Schedule events, AWS::Scheduler::Schedule resources) on this machine: each
 * fires on its cron/rate in its time zone by the dev clock (so {@code POST /dev/clock} moves schedules too: a jump
 * over several occurrences runs each once, in order, as the scheduler would have at each boundary — a 73 h jump
 * exports three days — looking back at most 8 days; a {@code rate(…)} schedule runs its latest occurrence only), and
 * {@code POST /dev/schedules/{name}/run} runs one now and answers when it has finished. Input is the template's Input
 * with {@code <aws.scheduler.scheduled-time>} filled in, or {@code {"date": …}} when the dev call gives a date.
 * Runs of one schedule never overlap.
 */
public final class ScheduleRunner implements DevEndpoints.Schedules, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleRunner.class);
    private static final Duration MAX_LOOKBACK = Duration.ofDays(8);

    /** A schedule bound to its function's handler. */
    record Entry(ScheduleDef def, FunctionDef function, Object handler, Cron cron, ZoneId zone, ReentrantLock lock) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final DevClock clock;
    private final ScheduledExecutorService ticker;
    private final java.util.concurrent.ExecutorService workers;
    private volatile Instant checkedUpTo;

    public ScheduleRunner(List<ScheduleDef> schedules, Map<String, FunctionDef> functions, Map<String, Object> handlers, DevClock clock) {
        this.clock = clock;
        for (ScheduleDef s : schedules) {
            Object handler = handlers.get(s.functionLogicalId());
            if (handler == null) {
                continue;
            }
            Cron cron;
            try {
                cron = Cron.parse(s.expression());
            } catch (RuntimeException e) {
                LOG.warn("Schedule {}: expression {} not understood here; it runs only on demand", s.name(), s.expression());
                cron = null;
            }
            ZoneId zone = s.timezone() == null ? ZoneOffset.UTC : ZoneId.of(s.timezone());
            entries.put(s.name(), new Entry(s, functions.get(s.functionLogicalId()), handler, s.enabled() ? cron : null,
                    zone, new ReentrantLock()));
        }
        this.checkedUpTo = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "schedules"));
        this.workers = Executors.newCachedThreadPool(r -> daemon(r, "schedule-run"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public void start() {
        if (entries.values().stream().anyMatch(e -> e.cron() != null)) {
            ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
        }
    }

    /** Fires every schedule with occurrences in (checkedUpTo, now], each occurrence once, oldest first. */
    private void tick() {
        try {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
            Instant from = checkedUpTo;
            if (!now.isAfter(from)) {
                return;
            }
            checkedUpTo = now;
            if (Duration.between(from, now).compareTo(MAX_LOOKBACK) > 0) {
                from = now.minus(MAX_LOOKBACK);
            }
            for (Entry e : entries.values()) {
                if (e.cron() == null) {
                    continue;
                }
                List<Instant> due = occurrences(e, from, now);
                if (!due.isEmpty()) {
                    workers.submit(() -> runInOrder(e, due));
                }
            }
        } catch (RuntimeException e) {
            LOG.error("schedule tick failed: {}", e.toString());
        }
    }

    /**
     * Every occurrence of a cron schedule in (from, now], oldest first (each is a calendar boundary: a day's export);
     * only the latest of a {@code rate(…)} schedule (a periodic sweep has nothing to catch up).
     */
    private static List<Instant> occurrences(Entry e, Instant from, Instant now) {
        ZonedDateTime origin = from.atZone(e.zone());
        List<Instant> due = new ArrayList<>();
        for (ZonedDateTime t = origin.plusMinutes(1); !t.toInstant().isAfter(now); t = t.plusMinutes(1)) {
            if (e.cron().matches(t, origin)) {
                due.add(t.toInstant());
            }
        }
        return e.cron().isRate() && due.size() > 1 ? List.of(due.get(due.size() - 1)) : due;
    }

    /** Runs each crossed occurrence once, in order, as the scheduler would have at each boundary. */
    private void runInOrder(Entry e, List<Instant> due) {
        for (Instant at : due) {
            try {
                invoke(e, input(e, at, null));
            } catch (RuntimeException ex) {
                if (workers.isShutdown()) {
                    LOG.info("Schedule {} at {} stopped: the runtime is closing", e.def().name(), at);
                    return;
                }
                LOG.error("Schedule {} at {} failed: {}", e.def().name(), at, ex.toString());
            }
        }
    }

    @Override
    public boolean run(String name, JsonNode body) {
        Entry e = entries.get(name);
        if (e == null) {
            return false;
        }
        String date = null;
        JsonNode d = body == null ? null : body.get("date");
        if (d != null && !d.isNull()) {
            if (!d.isTextual()) {
                throw InvalidInputException.of("date", "FORMAT", "must be a date YYYY-MM-DD");
            }
            try {
                date = LocalDate.parse(d.asText()).toString();
            } catch (DateTimeParseException ex) {
                throw InvalidInputException.of("date", "FORMAT", "must be a date YYYY-MM-DD");
            }
        }
        invoke(e, input(e, clock.instant(), date));
        return true;
    }

    private static Map<String, Object> input(Entry e, Instant scheduledTime, String date) {
        if (date != null) {
            return Map.of("date", date);
        }
        String raw = e.def().input();
        if (raw == null || raw.isBlank()) {
            return Map.of();
        }
        String filled = raw.replace("<aws.scheduler.scheduled-time>", Times.iso(scheduledTime))
                .replace("<aws.scheduler.schedule-arn>", "arn:aws:scheduler:" + LocalRuntime.REGION + ":"
                        + LocalRuntime.ACCOUNT + ":schedule/default/" + e.def().name())
                .replace("<aws.scheduler.execution-id>", java.util.UUID.randomUUID().toString())
                .replace("<aws.scheduler.attempt-number>", "1");
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = Json.read(filled, Map.class);
        return parsed;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void invoke(Entry e, Map<String, Object> input) {
        if (!(e.handler() instanceof RequestHandler handler)) {
            throw new IllegalStateException(e.function().handlerClass() + " does not implement RequestHandler");
        }
        e.lock().lock();
        try {
            long started = System.nanoTime();
            LOG.info("Schedule {} → {} with {}", e.def().name(), e.function().logicalId(), Json.write(input));
            LocalContext context = new LocalContext(e.function().logicalId(), LocalRuntime.REGION,
                    LocalRuntime.ACCOUNT, e.function().memorySize(), Duration.ofSeconds(e.function().timeout()));
            AwsAccess.as(e.function().logicalId(), () -> handler.handleRequest(input, context));
            LOG.info("Schedule {} finished in {} ms", e.def().name(), (System.nanoTime() - started) / 1_000_000);
        } finally {
            e.lock().unlock();
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        workers.shutdownNow();
    }
}
