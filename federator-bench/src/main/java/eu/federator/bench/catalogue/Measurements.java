package eu.federator.bench.catalogue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/** Small measuring helpers of the catalogue benchmark: latency samples, the machine's load, CPU time, heap. */
final class Measurements {
    private Measurements() {
    }

    /** A growable list of durations in nanoseconds. */
    static final class Samples {
        private long[] values = new long[1024];
        private int size;

        void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        void addAll(Samples other) {
            for (int i = 0; i < other.size; i++) {
                add(other.values[i]);
            }
        }

        int size() {
            return size;
        }

        long sum() {
            long s = 0;
            for (int i = 0; i < size; i++) {
                s += values[i];
            }
            return s;
        }

        /** The q-quantile (nearest rank) in milliseconds. */
        double quantileMs(double q) {
            if (size == 0) {
                return Double.NaN;
            }
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(q * size) - 1;
            return sorted[Math.max(0, Math.min(size - 1, rank))] / 1e6;
        }

        double meanMs() {
            return size == 0 ? Double.NaN : sum() / 1e6 / size;
        }

        /** "p50 / p95 / p99 / max" in ms. */
        String summary() {
            return "%s / %s / %s / %s ms".formatted(ms(quantileMs(0.5)), ms(quantileMs(0.95)), ms(quantileMs(0.99)), ms(quantileMs(1.0)));
        }
    }

    static String ms(double v) {
        return v < 1 ? "%.3f".formatted(v) : v < 10 ? "%.2f".formatted(v) : v < 100 ? "%.1f".formatted(v) : "%.0f".formatted(v);
    }

    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        }
    }

    /** CPU time of this JVM (all threads, GC and JIT included). */
    static Duration jvmCpu() {
        return Duration.ofNanos(((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime());
    }

    /** CPU time of the processes this JVM started (the embedded PostgreSQL and its backends) that are still running. */
    static Duration childrenCpu() {
        return ProcessHandle.current().descendants().map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** CPU time of the live threads whose name starts with {@code prefix}. */
    static Duration threadCpu(String prefix) {
        var threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(prefix)) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                sum += Math.max(0, t);
            }
        }
        return Duration.ofNanos(sum);
    }

    /** Heap in use after full collections. */
    static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static String mib(long bytes) {
        return "%,.0f MiB".formatted(bytes / 1048576.0);
    }

    /**
     * Every {@code period}: how far a counter got and the 1-minute load average. The rates of the windows tell a steady
     * state from the warm-up; the load tells how busy the machine was (other builds share it).
     */
    static final class Sampler implements AutoCloseable {
        record Window(double seconds, long count, double load) {
        }

        private final List<Window> windows = new ArrayList<>();
        private final Thread thread;
        private final long start = System.nanoTime();
        private volatile boolean closed;

        Sampler(Duration period, LongSupplier counter, String label) {
            this(period, counter, label, () -> "");
        }

        /** @param extra appended to each progress line (evaluated on the sampler thread) */
        Sampler(Duration period, LongSupplier counter, String label, java.util.function.Supplier<String> extra) {
            thread = Thread.ofPlatform().daemon().name("bench-sampler").start(() -> {
                long last = 0;
                while (!closed) {
                    try {
                        Thread.sleep(period.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                    long now = counter.getAsLong();
                    double t = (System.nanoTime() - start) / 1e9;
                    double load = loadAverage();
                    synchronized (windows) {
                        windows.add(new Window(t, now, load));
                    }
                    if (label != null) {
                        System.out.printf("[%s] %6.0f s  %,9d done  %6.1f /s in the last window  load %.2f%s%n", label, t, now,
                                (now - last) / (period.toMillis() / 1000.0), load, extra.get());
                    }
                    last = now;
                }
            });
        }

        List<Window> windows() {
            synchronized (windows) {
                return List.copyOf(windows);
            }
        }

        /** Median of the per-window rates, leaving out the first {@code skip} windows (warm-up). */
        double medianRate(int skip) {
            List<Window> w = windows();
            List<Double> rates = new ArrayList<>();
            for (int i = Math.max(1, skip); i < w.size(); i++) {
                double dt = w.get(i).seconds() - w.get(i - 1).seconds();
                rates.add((w.get(i).count() - w.get(i - 1).count()) / dt);
            }
            if (rates.isEmpty()) {
                return Double.NaN;
            }
            rates.sort(Double::compare);
            return rates.get(rates.size() / 2);
        }

        double medianLoad() {
            double[] loads = windows().stream().mapToDouble(Window::load).sorted().toArray();
            return loads.length == 0 ? loadAverage() : loads[loads.length / 2];
        }

        double maxLoad() {
            return windows().stream().mapToDouble(Window::load).max().orElse(loadAverage());
        }

        @Override
        public void close() {
            closed = true;
            thread.interrupt();
        }
    }
}
