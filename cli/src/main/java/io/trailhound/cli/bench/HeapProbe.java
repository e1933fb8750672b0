package io.trailhound.cli.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Peak heap used while something runs: the heap is collected first (System.gc()), then the peak
 * is the larger of a 1 ms sampler of {@link MemoryMXBean} and the heap used just before each
 * collection (from the GC beans' notifications, which catch the peaks between two samples). Also
 * keeps the most heap left used after a collection: an upper bound on what was live.
 */
final class HeapProbe {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Set<String> heapPools = new HashSet<>();
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong maxAfterGc = new AtomicLong();
    private final List<Runnable> unregister = new ArrayList<>();
    private final long baseline;
    /** JVM uptime (ms) when measuring began: collections that started earlier (the opening ones) are not counted. */
    private final long sinceUptimeMillis;
    private volatile boolean sampling = true;
    private final Thread sampler;

    /** What was seen, in bytes; {@code baseline} is heap used after the opening collection. */
    record Result(long peakUsed, long maxUsedAfterGc, long baseline) {
    }

    private HeapProbe() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        settle();
        baseline = memory.getHeapMemoryUsage().getUsed();
        peak.set(baseline);
        sinceUptimeMillis = ManagementFactory.getRuntimeMXBean().getUptime();
        NotificationListener listener = this::onGc;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                unregister.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (ListenerNotFoundException ignored) {
                        // already gone
                    }
                });
            }
        }
        sampler = new Thread(this::sample, "trailhound-bench-heap");
        sampler.setDaemon(true);
        sampler.start();
    }

    static HeapProbe start() {
        return new HeapProbe();
    }

    Result stop() {
        sampling = false;
        try {
            sampler.join();
            Thread.sleep(200); // GC notifications arrive on a service thread, a little after the collection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        record(memory.getHeapMemoryUsage().getUsed());
        unregister.forEach(Runnable::run);
        return new Result(peak.get(), maxAfterGc.get(), baseline);
    }

    /** Collects until heap used stops falling, so a measurement starts from what is live. */
    static void settle() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            long used = memory.getHeapMemoryUsage().getUsed();
            if (used >= before * 0.98) {
                break;
            }
            before = used;
        }
    }

    private void sample() {
        while (sampling) {
            record(memory.getHeapMemoryUsage().getUsed());
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void onGc(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        if (info.getGcInfo().getStartTime() < sinceUptimeMillis) {
            return;
        }
        record(heapUsed(info.getGcInfo().getMemoryUsageBeforeGc()));
        long after = heapUsed(info.getGcInfo().getMemoryUsageAfterGc());
        maxAfterGc.accumulateAndGet(after, Math::max);
    }

    private long heapUsed(Map<String, MemoryUsage> pools) {
        long sum = 0;
        for (Map.Entry<String, MemoryUsage> e : pools.entrySet()) {
            if (heapPools.contains(e.getKey())) {
                sum += e.getValue().getUsed();
            }
        }
        return sum;
    }

    private void record(long used) {
        peak.accumulateAndGet(used, Math::max);
    }
}
