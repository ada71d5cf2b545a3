package eu.federator.server.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading user-given files with messages that say what is wrong. */
final class Files2 {
    static final long MAX_INPUT = 64L * 1024 * 1024;

    private Files2() {
    }

    static byte[] readInput(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new UsageException(what + " " + file + " is a directory; give a file");
        }
        try {
            long size = Files.size(file);
            if (size > MAX_INPUT) {
                throw new UsageException(what + " " + file + " is " + size + " bytes; the limit is " + MAX_INPUT);
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageException(what + " " + file + " does not exist");
        } catch (AccessDeniedException e) {
            throw new UsageException(what + " " + file + " is not readable (permission denied)");
        } catch (IOException e) {
            throw new UsageException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    static Path directory(Path dir, String option) {
        if (dir != null && !Files.isDirectory(dir)) {
            throw new UsageException(option + " " + dir + " is not a directory");
        }
        return dir;
    }

    static Path readableFile(Path file, String option) {
        if (file != null && !(Files.isRegularFile(file) && Files.isReadable(file))) {
            throw new UsageException(option + " " + file + (Files.exists(file) ? " is not a readable file" : " does not exist"));
        }
        return file;
    }
}
