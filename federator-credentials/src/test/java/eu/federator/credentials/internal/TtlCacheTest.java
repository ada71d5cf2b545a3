package eu.federator.credentials.internal;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TtlCacheTest {

    @Test
    void entriesExpireAfterTheTtl() {
        AtomicLong now = new AtomicLong();
        TtlCache<String, String> cache = new TtlCache<>(Duration.ofSeconds(10), 10, now::get);
        cache.put("a", "1");
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(cache.get("a")).isEqualTo("1");
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(cache.get("a")).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void shorterPerEntryLifetimeAndDisabledCache() {
        AtomicLong now = new AtomicLong();
        TtlCache<String, String> cache = new TtlCache<>(Duration.ofMinutes(10), 10, now::get);
        cache.put("crl", "x", Duration.ofSeconds(5));
        cache.put("long", "y", Duration.ofHours(5)); // capped at the cache's ttl
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(cache.get("crl")).isNull();
        now.addAndGet(Duration.ofMinutes(10).toNanos());
        assertThat(cache.get("long")).isNull();
        TtlCache<String, String> off = new TtlCache<>(Duration.ZERO, 10);
        off.put("a", "1");
        assertThat(off.get("a")).isNull();
    }

    @Test
    void boundedLeastRecentlyUsedFirst() {
        TtlCache<Integer, Integer> cache = new TtlCache<>(Duration.ofMinutes(1), 3);
        cache.put(1, 1);
        cache.put(2, 2);
        cache.put(3, 3);
        cache.get(1);
        cache.put(4, 4);
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.get(2)).isNull();
        assertThat(cache.get(1)).isEqualTo(1);
    }
}
