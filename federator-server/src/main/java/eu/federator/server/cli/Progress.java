package eu.federator.server.cli;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of a long command on stderr: on a terminal a bar redrawn in place ({@code done/total}, rate, ETA); otherwise
 * (a log file, CI) a plain line now and then, so that the output stays readable.
 */
final class Progress implements AutoCloseable {
    static final Duration BAR_INTERVAL = Duration.ofMillis(250);
    static final Duration LINE_INTERVAL = Duration.ofSeconds(10);
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String label;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private final Thread painter;
    private volatile long total;
    private volatile boolean closed;
    private int lastLength;

    /**
     * @param total how many steps there are, or -1 when unknown (no bar, no ETA)
     */
    Progress(PrintWriter err, String label, long total, boolean terminal) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.terminal = terminal;
        Duration interval = terminal ? BAR_INTERVAL : LINE_INTERVAL;
        this.painter = Thread.ofPlatform().name("progress-" + label).daemon().start(() -> {
            while (!closed) {
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return;
                }
                if (!closed) {
                    paint(false);
                }
            }
        });
    }

    void step() {
        done.incrementAndGet();
    }

    void set(long value) {
        done.set(value);
    }

    void total(long value) {
        total = value;
    }

    /** Draws the final state (on a terminal: the completed bar, then a line break) and stops redrawing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        painter.interrupt();
        if (terminal) {
            paint(true);
        }
    }

    private synchronized void paint(boolean last) {
        double seconds = (System.nanoTime() - start) / 1e9;
        String line = line(label, done.get(), total, seconds, terminal);
        if (terminal) {
            // \r and pad over the previous text: the bar is redrawn on the same line
            err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())) + (last ? "\n" : ""));
            lastLength = line.length();
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** {@code import [#######.......]  120/500  24%  35.2/s  ETA 0:11} on a terminal, else {@code import: 120/500 (24%), 35.2/s, ETA 0:11}. */
    static String line(String label, long done, long total, double seconds, boolean bar) {
        double rate = seconds > 0 ? done / seconds : 0;
        String rateText = String.format(Locale.ROOT, "%.1f/s", rate);
        if (total < 0) {
            return bar ? String.format(Locale.ROOT, "%s  %d  %s", label, done, rateText)
                    : String.format(Locale.ROOT, "%s: %d, %s", label, done, rateText);
        }
        long percent = total == 0 ? 100 : Math.min(100, done * 100 / total);
        String eta = done >= total ? "done" : rate > 0 ? "ETA " + duration(Math.round((total - done) / rate)) : "ETA --:--";
        if (!bar) {
            return String.format(Locale.ROOT, "%s: %d/%d (%d%%), %s, %s", label, done, total, percent, rateText, eta);
        }
        int filled = (int) (WIDTH * percent / 100);
        return String.format(Locale.ROOT, "%s [%s%s] %d/%d %3d%%  %s  %s", label, "#".repeat(filled), ".".repeat(WIDTH - filled),
                done, total, percent, rateText, eta);
    }

    /** 0:07, 12:34, 1:02:03. */
    static String duration(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }

    /** Whether stderr is a terminal (a bar can be redrawn there). */
    static boolean stderrIsTerminal() {
        try {
            // Linux: where file descriptor 2 leads is exact; Console only knows about stdin and stdout
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            Console console = System.console();
            if (console == null) {
                return false;
            }
            try {
                // Console.isTerminal() exists from Java 22 on; since then System.console() is non-null when redirected too
                return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
            } catch (ReflectiveOperationException notJava22) {
                return true;
            }
        }
    }
}
