package eu.federator.trustframework.notary;

import java.util.Objects;

/**
 * The result of checking a registration number without asking anyone: its format and, where the number has one, its
 * check digits.
 *
 * @param type        what kind of number was checked
 * @param input       the value as given
 * @param normalized  the value in canonical form (upper case, separators removed) — what a credential states
 * @param valid       whether the number passed every offline rule
 * @param reason      for an invalid number: what is wrong, precisely; for a valid one: what was checked
 * @param countryCode ISO 3166-1 alpha-2 country (VIES prefixes EL and XI map to GR and XI), or null when the number
 *                    does not carry one (LEI, tax ID)
 * @param checkDigits whether check digits were verified (false: format only)
 */
public record OfflineCheck(RegistrationNumberType type, String input, String normalized, boolean valid, String reason,
                           String countryCode, boolean checkDigits) {

    public OfflineCheck {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reason, "reason");
    }

    static OfflineCheck valid(RegistrationNumberType type, String input, String normalized, String countryCode,
                              boolean checkDigits, String what) {
        return new OfflineCheck(type, input, normalized, true, what, countryCode, checkDigits);
    }

    static OfflineCheck invalid(RegistrationNumberType type, String input, String normalized, String countryCode, String reason) {
        return new OfflineCheck(type, input, normalized, false, reason, countryCode, false);
    }
}
