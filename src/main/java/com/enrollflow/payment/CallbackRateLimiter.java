package com.enrollflow.payment;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * A token bucket (Bucket4j) per client address for gateway callbacks whose signature fails: a burst is answered,
 * then at most a steady rate, the rest gets 429. The buckets live in a bounded cache (Caffeine), so a flood from many
 * addresses cannot grow memory either. A validly signed callback of a new transaction never takes a token: the
 * gateway is never refused a payment because someone else forges. A replay of one already recorded does (decision
 * 496): it changes nothing, and a captured callback sent in a loop would otherwise lock the order each time.
 */
@Component
class CallbackRateLimiter {

    private final long burst;
    private final long perMinute;
    private final Cache<String, Bucket> buckets;

    CallbackRateLimiter(@Value("${enrollflow.payment.forged-callbacks.burst:20}") long burst,
            @Value("${enrollflow.payment.forged-callbacks.per-minute:30}") long perMinute) {
        this.burst = burst;
        this.perMinute = perMinute;
        this.buckets = Caffeine.newBuilder().maximumSize(50_000).expireAfterAccess(Duration.ofMinutes(30)).build();
    }

    /** Takes a token of this client's bucket; false once its burst is spent and the refill has not caught up. */
    boolean tryAcquire(String client) {
        return buckets.get(client, key -> Bucket.builder().addLimit(Bandwidth.builder().capacity(burst)
                .refillGreedy(perMinute, Duration.ofMinutes(1)).build()).build()).tryConsume(1);
    }

    /** Seconds until the next token, for Retry-After. */
    long retryAfterSeconds() {
        return Math.max(1, 60 / Math.max(1, perMinute));
    }
}
