package io.sparcade.hwsim;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A thread-safe memo of at most {@code max} entries that starts over when full (a sweep's points come in axis
 * order, so the entries in use are the recent ones). A value is computed outside the map's locks (a computation
 * may ask the cache again); two threads may compute the same key at once and store equal values.
 */
public final class BoundedCache<K, V> {
    private final int max;
    private final ConcurrentHashMap<K, V> map;

    /** @param initialCapacity the map's starting size (growing a table from 16 showed in profiles) */
    public BoundedCache(int max, int initialCapacity) {
        this.max = max;
        this.map = new ConcurrentHashMap<>(initialCapacity);
    }

    /** The value cached for {@code key}, or {@code compute}'s, then cached. */
    public V get(K key, Function<? super K, ? extends V> compute) {
        V v = map.get(key);
        if (v == null) {
            v = compute.apply(key);
            if (map.size() >= max) {
                map.clear();
            }
            map.put(key, v);
        }
        return v;
    }
}
