package vn.movepass.local.gateway;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The local gateway's per-client-address limit on the public POST routes (no login): a token bucket per source
 * address, {@code perMinute} requests a minute with a burst of as many. In AWS the same job is a WAF rate-based rule
 * on the HTTP API's stage (API Gateway's own throttling counts all clients together). Off when {@code perMinute} is 0
 * (tests and benches, which all come from 127.0.0.1); {@code --client-limit N} turns it on.
 */
public final class ClientLimit {
    private static final int MAX_ADDRESSES = 100_000;

    private final int perMinute;
    private final ConcurrentHashMap<String, double[]> buckets = new ConcurrentHashMap<>();

    public ClientLimit(int perMinute) {
        if (perMinute < 0) {
            throw new IllegalArgumentException("a client limit is 0 (off) or a positive number of requests a minute");
        }
        this.perMinute = perMinute;
    }

    public boolean enabled() {
        return perMinute > 0;
    }

    /** Seconds to wait before this address may try again, or 0 when the request may go on (a token is taken). */
    public int take(String address) {
        if (!enabled()) {
            return 0;
        }
        if (buckets.size() > MAX_ADDRESSES) {
            buckets.clear(); // bounded memory: forgetting is the lenient failure
        }
        double now = TimeUnit.NANOSECONDS.toMillis(System.nanoTime()) / 1000.0;
        double perSecond = perMinute / 60.0;
        double[] wait = new double[1];
        buckets.compute(address, (a, b) -> {
            double[] bucket = b == null ? new double[] {perMinute, now} : b;
            bucket[0] = Math.min(perMinute, bucket[0] + (now - bucket[1]) * perSecond);
            bucket[1] = now;
            if (bucket[0] >= 1) {
                bucket[0] -= 1;
            } else {
                wait[0] = (1 - bucket[0]) / perSecond;
            }
            return bucket;
        });
        return wait[0] == 0 ? 0 : (int) Math.max(1, Math.ceil(wait[0]));
    }
}
