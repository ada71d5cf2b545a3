package eu.federator.server.cli;

import picocli.CommandLine;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** ISO-8601 instant: {@code 2026-01-31T12:00:00Z} or with an offset, {@code 2026-01-31T12:00:00+01:00}. */
final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e2) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not an ISO-8601 instant (e.g. 2026-01-31T12:00:00Z)");
            }
        }
    }
}
