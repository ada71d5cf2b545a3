package eu.federator.credentials.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A small, bounded, thread-safe cache whose entries expire after a fixed time to live. Least recently used
 * entries are evicted first when the bound is reached. Only for this module ({@code internal} is private).
 */
public final class TtlCache<K, V> {

    private record Slot<V>(V value, long expiresAtNanos) {
    }

    private final long ttlNanos;
    private final LongSupplier nanoClock;
    private final LinkedHashMap<K, Slot<V>> entries;

    public TtlCache(Duration ttl, int maxEntries) {
        this(ttl, maxEntries, System::nanoTime);
    }

    /** @param nanoClock monotonic clock, replaceable in tests */
    public TtlCache(Duration ttl, int maxEntries, LongSupplier nanoClock) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || maxEntries < 0) {
            throw new IllegalArgumentException("ttl and maxEntries must not be negative");
        }
        this.ttlNanos = ttl.toNanos();
        this.nanoClock = nanoClock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Slot<V>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** @return the cached value, or null when absent or expired */
    public synchronized V get(K key) {
        Slot<V> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (nanoClock.getAsLong() - entry.expiresAtNanos() >= 0) {
            entries.remove(key);
            return null;
        }
        return entry.value();
    }

    public synchronized void put(K key, V value) {
        put(key, value, ttlNanos);
    }

    /** Stores with a shorter lifetime than the default when {@code ttl} is shorter (e.g. a CRL's nextUpdate). */
    public synchronized void put(K key, V value, Duration ttl) {
        put(key, value, Math.min(ttlNanos, Math.max(0, ttl.toNanos())));
    }

    private void put(K key, V value, long lifetimeNanos) {
        if (lifetimeNanos <= 0) {
            return;
        }
        entries.put(key, new Slot<>(value, nanoClock.getAsLong() + lifetimeNanos));
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized void clear() {
        entries.clear();
    }
}
