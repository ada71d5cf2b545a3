package eu.federator.trustframework.notary;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Offline validity rules for every {@link RegistrationNumberType}: formats, and check digits where the number has
 * them. These are pre-checks — the authoritative answer comes from the register (VIES, GLEIF, EOS) — but a number that
 * fails them cannot exist, so it is rejected before any outbound call.
 *
 * <ul>
 *   <li>LEI (ISO 17442): 20 characters, {@code [A-Z0-9]{18}[0-9]{2}}, ISO 7064 MOD 97-10 over the whole code = 1.</li>
 *   <li>VAT: see {@link VatNumbers}.</li>
 *   <li>EORI: an ISO country code of an EU member state, GB or XI, then 1 to 15 letters or digits (at most 17 in all).</li>
 *   <li>EUID (BRIS, Implementing Regulation (EU) 2021/1042): country code of an EU/EEA state, register code, ".",
 *   registration number in that register.</li>
 *   <li>Tax ID: there is no common format for national tax identification numbers; format only: 2 to 40 letters,
 *   digits, spaces, '.', '/', '-', starting with a letter or digit.</li>
 * </ul>
 */
public final class OfflineChecks {
    private OfflineChecks() {
    }

    static final Set<String> EU = Set.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
            "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");
    static final Set<String> EEA_EXTRA = Set.of("IS", "LI", "NO");

    private static final Pattern LEI = Pattern.compile("[A-Z0-9]{18}[0-9]{2}");
    private static final Pattern EORI = Pattern.compile("([A-Z]{2})([A-Z0-9]{1,15})");
    private static final Pattern EUID = Pattern.compile("([A-Z]{2})([A-Z0-9]{1,20})\\.([A-Z0-9][A-Z0-9./-]{0,39})");
    private static final Pattern TAX_ID = Pattern.compile("[A-Z0-9][A-Z0-9 ./-]{1,39}");

    /** Checks {@code value} as a number of {@code type}; never throws on bad input. */
    public static OfflineCheck check(RegistrationNumberType type, String value) {
        String input = value == null ? "" : value;
        return switch (type) {
            case VAT_ID -> VatNumbers.check(input);
            case LEI_CODE -> lei(input);
            case EORI -> eori(input);
            case EUID -> euid(input);
            case TAX_ID -> taxId(input);
        };
    }

    /** Upper case, without white space. */
    static String compact(String s) {
        return s.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }

    static OfflineCheck lei(String input) {
        RegistrationNumberType t = RegistrationNumberType.LEI_CODE;
        String lei = compact(input);
        if (lei.isEmpty()) {
            return OfflineCheck.invalid(t, input, lei, null, "the LEI is empty");
        }
        if (lei.length() != 20) {
            return OfflineCheck.invalid(t, input, lei, null, "an LEI has 20 characters (ISO 17442); \"" + lei + "\" has " + lei.length());
        }
        if (!LEI.matcher(lei).matches()) {
            return OfflineCheck.invalid(t, input, lei, null, "an LEI is 18 letters or digits followed by 2 check digits (ISO 17442); \""
                    + lei + "\" is not");
        }
        if (mod97(lei) != 1) {
            return OfflineCheck.invalid(t, input, lei, null, "the check digits of LEI " + lei
                    + " are wrong (ISO 7064 MOD 97-10 over the code must be 1, it is " + mod97(lei) + ")");
        }
        return OfflineCheck.valid(t, input, lei, null, true, "ISO 17442 format and ISO 7064 MOD 97-10 check digits");
    }

    /** ISO 7064 MOD 97-10 remainder with letters A..Z as 10..35. */
    static int mod97(String s) {
        int remainder = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int v = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = v >= 10 ? (remainder * 100 + v) % 97 : (remainder * 10 + v) % 97;
        }
        return remainder;
    }

    static OfflineCheck eori(String input) {
        RegistrationNumberType t = RegistrationNumberType.EORI;
        String eori = compact(input);
        if (eori.isEmpty()) {
            return OfflineCheck.invalid(t, input, eori, null, "the EORI number is empty");
        }
        if (eori.length() > 17) {
            return OfflineCheck.invalid(t, input, eori, null, "an EORI number has at most 17 characters (country code and up to 15 more); \""
                    + eori + "\" has " + eori.length());
        }
        var m = EORI.matcher(eori);
        if (!m.matches()) {
            return OfflineCheck.invalid(t, input, eori, null, "an EORI number is a 2-letter country code followed by 1 to 15 letters or digits; \""
                    + eori + "\" is not");
        }
        String country = m.group(1);
        if (country.equals("EL")) {
            return OfflineCheck.invalid(t, input, eori, null, "Greek EORI numbers start with the ISO code GR, not EL (EL is the VAT prefix)");
        }
        if (!EU.contains(country) && !country.equals("GB") && !country.equals("XI")) {
            return OfflineCheck.invalid(t, input, eori, country, "\"" + country
                    + "\" is not an EU member state, GB or XI: EORI numbers are issued by the customs authorities of those");
        }
        return OfflineCheck.valid(t, input, eori, country, false, "EORI format (country code and up to 15 letters or digits)");
    }

    static OfflineCheck euid(String input) {
        RegistrationNumberType t = RegistrationNumberType.EUID;
        String euid = input.strip().toUpperCase(Locale.ROOT);
        if (euid.isEmpty()) {
            return OfflineCheck.invalid(t, input, euid, null, "the EUID is empty");
        }
        var m = EUID.matcher(euid);
        if (!m.matches()) {
            return OfflineCheck.invalid(t, input, euid, null, "an EUID is a country code, a register code, \".\" and the registration number"
                    + " in that register (BRIS), e.g. DEK1101R.HRB116737; \"" + euid + "\" is not");
        }
        String country = m.group(1);
        String iso = country.equals("EL") ? "GR" : country;
        if (!EU.contains(iso) && !EEA_EXTRA.contains(iso)) {
            return OfflineCheck.invalid(t, input, euid, country, "\"" + country + "\" is not an EU or EEA state: EUIDs identify companies in"
                    + " the business registers connected to BRIS");
        }
        return OfflineCheck.valid(t, input, euid, iso, false, "EUID format (country, register code, \".\", registration number)");
    }

    static OfflineCheck taxId(String input) {
        RegistrationNumberType t = RegistrationNumberType.TAX_ID;
        String tax = input.strip().toUpperCase(Locale.ROOT);
        if (tax.isEmpty()) {
            return OfflineCheck.invalid(t, input, tax, null, "the tax ID is empty");
        }
        if (!TAX_ID.matcher(tax).matches()) {
            return OfflineCheck.invalid(t, input, tax, null, "a tax ID is 2 to 40 letters, digits, spaces, '.', '/' or '-', starting with a"
                    + " letter or digit; \"" + tax + "\" is not");
        }
        return OfflineCheck.valid(t, input, tax, null, false, "tax ID format only (no common format or check digits exist)");
    }
}
