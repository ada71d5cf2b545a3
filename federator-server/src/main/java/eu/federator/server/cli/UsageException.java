package eu.federator.server.cli;

/** A problem with what the user gave (file, option value); reported without a stack trace, exit code 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }

    UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
