package eu.federator.trustframework.notary;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Map.entry;

/**
 * EU VAT identification numbers as VIES knows them: a 2-letter prefix (ISO 3166-1, except EL for Greece and XI for
 * Northern Ireland) and the national number. Spaces, dots and dashes are ignored.
 *
 * <p>Check digits are verified for AT, BE, CZ (legal entities; 10-digit personal numbers mod 11), DE, DK, ES, FI, FR
 * (numeric keys), IE, IT, NL (both the weighted mod-11 and the 2020 MOD 97-10 scheme), PL, PT, SE. The other member
 * states (BG, CY, EE, EL, HR, HU, LT, LU, LV, MT, RO, SI, SK) and XI are checked for their format only.
 */
public final class VatNumbers {
    private VatNumbers() {
    }

    private record Format(Pattern pattern, String description) {
    }

    private static Format f(String regex, String description) {
        return new Format(Pattern.compile(regex), description);
    }

    private static final Map<String, Format> FORMATS = Map.ofEntries(
            entry("AT", f("U[0-9]{8}", "\"U\" and 8 digits")),
            entry("BE", f("[01][0-9]{9}", "10 digits starting with 0 or 1")),
            entry("BG", f("[0-9]{9,10}", "9 or 10 digits")),
            entry("CY", f("[0-59][0-9]{7}[A-Z]", "8 digits and a letter")),
            entry("CZ", f("[0-9]{8,10}", "8, 9 or 10 digits")),
            entry("DE", f("[1-9][0-9]{8}", "9 digits, not starting with 0")),
            entry("DK", f("[1-9][0-9]{7}", "8 digits, not starting with 0")),
            entry("EE", f("10[0-9]{7}", "9 digits starting with 10")),
            entry("EL", f("[0-9]{9}", "9 digits")),
            entry("ES", f("[0-9A-Z][0-9]{7}[0-9A-Z]", "9 characters: letter or digit, 7 digits, letter or digit")),
            entry("FI", f("[0-9]{8}", "8 digits")),
            entry("FR", f("[0-9A-HJ-NP-Z]{2}[0-9]{9}", "a 2-character key and the 9-digit SIREN")),
            entry("HR", f("[0-9]{11}", "11 digits")),
            entry("HU", f("[0-9]{8}", "8 digits")),
            entry("IE", f("[0-9]{7}[A-W][A-IW]?|[0-9][A-Z+*][0-9]{5}[A-W]", "7 digits and 1 or 2 letters (or the old form digit, letter, 5 digits, letter)")),
            entry("IT", f("[0-9]{11}", "11 digits")),
            entry("LT", f("[0-9]{9}|[0-9]{12}", "9 or 12 digits")),
            entry("LU", f("[0-9]{8}", "8 digits")),
            entry("LV", f("[0-9]{11}", "11 digits")),
            entry("MT", f("[1-9][0-9]{7}", "8 digits")),
            entry("NL", f("[0-9]{9}B[0-9]{2}", "9 digits, \"B\" and 2 digits")),
            entry("PL", f("[0-9]{10}", "10 digits")),
            entry("PT", f("[1-9][0-9]{8}", "9 digits")),
            entry("RO", f("[1-9][0-9]{1,9}", "2 to 10 digits")),
            entry("SE", f("[0-9]{10}01", "12 digits ending in 01")),
            entry("SI", f("[1-9][0-9]{7}", "8 digits")),
            entry("SK", f("[1-9][0-9]{9}", "10 digits")),
            entry("XI", f("[0-9]{9}|[0-9]{12}|GD[0-4][0-9]{2}|HA[5-9][0-9]{2}", "9 or 12 digits, or GD/HA and 3 digits")));

    /** The prefixes VIES knows. */
    public static java.util.Set<String> prefixes() {
        return FORMATS.keySet();
    }

    static OfflineCheck check(String input) {
        RegistrationNumberType t = RegistrationNumberType.VAT_ID;
        String vat = input.replaceAll("[\\s.\\-]+", "").toUpperCase(java.util.Locale.ROOT);
        if (vat.isEmpty()) {
            return OfflineCheck.invalid(t, input, vat, null, "the VAT number is empty");
        }
        if (vat.length() < 3 || !Character.isLetter(vat.charAt(0)) || !Character.isLetter(vat.charAt(1))) {
            return OfflineCheck.invalid(t, input, vat, null, "a VAT number starts with its 2-letter country prefix, e.g. DE123456789; \""
                    + vat + "\" does not");
        }
        String prefix = vat.substring(0, 2);
        String number = vat.substring(2);
        if (prefix.equals("GR")) {
            return OfflineCheck.invalid(t, input, vat, "GR", "Greek VAT numbers use the prefix EL, not GR: EL" + number);
        }
        if (prefix.equals("GB")) {
            return OfflineCheck.invalid(t, input, vat, "GB", "GB VAT numbers are not in VIES since 2021; Northern Ireland traders use the prefix XI");
        }
        Format format = FORMATS.get(prefix);
        if (format == null) {
            return OfflineCheck.invalid(t, input, vat, null, "\"" + prefix + "\" is not a VAT prefix of an EU member state or XI (Northern Ireland)");
        }
        String country = prefix.equals("EL") ? "GR" : prefix;
        if (!format.pattern().matcher(number).matches()) {
            return OfflineCheck.invalid(t, input, vat, country, "a " + prefix + " VAT number is " + prefix + " followed by "
                    + format.description() + "; \"" + number + "\" is not");
        }
        Optional<String> failure;
        String algorithm;
        switch (prefix) {
            case "AT" -> { failure = at(number); algorithm = "AT check digit (weights 1,2 with digit sums, +4, mod 10)"; }
            case "BE" -> { failure = be(number); algorithm = "BE mod 97 check digits"; }
            case "CZ" -> { failure = cz(number); algorithm = "CZ check digit (legal entities mod 11; 10-digit personal numbers divisible by 11)"; }
            case "DE" -> { failure = de(number); algorithm = "DE ISO 7064 MOD 11,10 check digit"; }
            case "DK" -> { failure = dk(number); algorithm = "DK weighted mod 11"; }
            case "ES" -> { failure = es(number); algorithm = "ES NIF/NIE/CIF control character"; }
            case "FI" -> { failure = fi(number); algorithm = "FI weighted mod 11 check digit"; }
            case "FR" -> { failure = fr(number); algorithm = "FR key (12 + 3 × (SIREN mod 97)) mod 97"; }
            case "IE" -> { failure = ie(number); algorithm = "IE weighted mod 23 check letter"; }
            case "IT" -> { failure = it(number); algorithm = "IT Luhn check digit"; }
            case "NL" -> { failure = nl(number); algorithm = "NL weighted mod 11 or MOD 97-10"; }
            case "PL" -> { failure = pl(number); algorithm = "PL weighted mod 11 check digit"; }
            case "PT" -> { failure = pt(number); algorithm = "PT weighted mod 11 check digit"; }
            case "SE" -> { failure = se(number); algorithm = "SE Luhn check digit"; }
            default -> { failure = Optional.empty(); algorithm = null; }
        }
        if (failure.isPresent()) {
            return OfflineCheck.invalid(t, input, vat, country, vat + ": " + failure.get());
        }
        return algorithm == null
                ? OfflineCheck.valid(t, input, vat, country, false, prefix + " VAT format (no check-digit algorithm implemented for " + prefix + ")")
                : OfflineCheck.valid(t, input, vat, country, true, prefix + " VAT format and " + algorithm);
    }

    private static int d(String s, int i) {
        return s.charAt(i) - '0';
    }

    private static Optional<String> wrong(String what, Object expected, Object actual) {
        return Optional.of("wrong " + what + " (expected " + expected + ", found " + actual + ")");
    }

    static Optional<String> de(String n) {
        int product = 10;
        for (int i = 0; i < 8; i++) {
            int sum = (d(n, i) + product) % 10;
            if (sum == 0) {
                sum = 10;
            }
            product = (2 * sum) % 11;
        }
        int check = 11 - product;
        if (check == 10) {
            check = 0;
        }
        return check == d(n, 8) ? Optional.empty() : wrong("check digit", check, d(n, 8));
    }

    static Optional<String> fr(String n) {
        String key = n.substring(0, 2);
        if (!Character.isDigit(key.charAt(0)) || !Character.isDigit(key.charAt(1))) {
            return Optional.empty(); // alphanumeric keys: the algorithm is not published; VIES decides
        }
        long siren = Long.parseLong(n.substring(2));
        long expected = (12 + 3 * (siren % 97)) % 97;
        return expected == Integer.parseInt(key) ? Optional.empty() : wrong("key", String.format("%02d", expected), key);
    }

    static Optional<String> it(String n) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            int v = d(n, i);
            if (i % 2 == 1) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
        }
        int check = (10 - sum % 10) % 10;
        return check == d(n, 10) ? Optional.empty() : wrong("check digit", check, d(n, 10));
    }

    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

    static Optional<String> es(String n) {
        char first = n.charAt(0);
        char last = n.charAt(8);
        if (Character.isDigit(first) || first == 'X' || first == 'Y' || first == 'Z') {
            // NIF of a Spanish citizen (DNI) or NIE of a foreigner: mod-23 letter
            String digits = (first == 'X' ? "0" : first == 'Y' ? "1" : first == 'Z' ? "2" : String.valueOf(first)) + n.substring(1, 8);
            char expected = DNI_LETTERS.charAt(Integer.parseInt(digits) % 23);
            return expected == last ? Optional.empty() : wrong("control letter", expected, last);
        }
        if (first == 'K' || first == 'L' || first == 'M') {
            char expected = DNI_LETTERS.charAt(Integer.parseInt(n.substring(1, 8)) % 23);
            return expected == last ? Optional.empty() : wrong("control letter", expected, last);
        }
        if ("ABCDEFGHJNPQRSUVW".indexOf(first) < 0) {
            return Optional.of("\"" + first + "\" is not a Spanish entity type letter (A-H, J, N, P-S, U-W) nor a NIE/NIF start");
        }
        // CIF of a legal entity
        int sum = 0;
        for (int i = 1; i <= 7; i++) {
            int v = d(n, i);
            if (i % 2 == 1) {
                v *= 2;
                v = v / 10 + v % 10;
            }
            sum += v;
        }
        int control = (10 - sum % 10) % 10;
        char letter = "JABCDEFGHI".charAt(control);
        char digit = (char) ('0' + control);
        boolean letterOnly = "KLMNPQRSW".indexOf(first) >= 0;
        boolean digitOnly = "ABEH".indexOf(first) >= 0;
        boolean ok = (last == letter && !digitOnly) || (last == digit && !letterOnly);
        if (ok) {
            return Optional.empty();
        }
        Object expected = letterOnly ? letter : digitOnly ? digit : digit + " or " + letter;
        return wrong("control character", expected, last);
    }

    static Optional<String> nl(String n) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += d(n, i) * (9 - i);
        }
        int check = sum % 11;
        boolean mod11 = check != 10 && check == d(n, 8);
        // since 2020 sole proprietors get numbers valid under ISO 7064 MOD 97-10 over "NL" + number
        boolean mod97 = OfflineChecks.mod97("NL" + n) == 1;
        if (mod11 || mod97) {
            return Optional.empty();
        }
        return Optional.of("wrong check digit (neither the weighted mod 11 rule, which expects " + (check == 10 ? "no valid digit" : check)
                + " at position 9, nor ISO 7064 MOD 97-10 holds)");
    }

    static Optional<String> be(String n) {
        long base = Long.parseLong(n.substring(0, 8));
        long expected = 97 - base % 97;
        int actual = Integer.parseInt(n.substring(8));
        return expected == actual ? Optional.empty() : wrong("check digits", String.format("%02d", expected), n.substring(8));
    }

    static Optional<String> at(String n) {
        String digits = n.substring(1);
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            int v = d(digits, i);
            if (i % 2 == 1) {
                v *= 2;
                v = v / 10 + v % 10;
            }
            sum += v;
        }
        int check = (10 - (sum + 4) % 10) % 10;
        return check == d(digits, 7) ? Optional.empty() : wrong("check digit", check, d(digits, 7));
    }

    static Optional<String> pl(String n) {
        int[] w = {6, 5, 7, 2, 3, 4, 5, 6, 7};
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += d(n, i) * w[i];
        }
        int check = sum % 11;
        if (check == 10) {
            return Optional.of("the weighted sum gives 10, which no valid number has");
        }
        return check == d(n, 9) ? Optional.empty() : wrong("check digit", check, d(n, 9));
    }

    static Optional<String> se(String n) {
        return luhn(n.substring(0, 10)) ? Optional.empty() : Optional.of("wrong check digit (Luhn over the first 10 digits fails)");
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int v = d(digits, i);
            if (twice) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    static Optional<String> dk(String n) {
        int[] w = {2, 7, 6, 5, 4, 3, 2, 1};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += d(n, i) * w[i];
        }
        return sum % 11 == 0 ? Optional.empty() : Optional.of("wrong check digit (the weighted sum is not divisible by 11)");
    }

    static Optional<String> fi(String n) {
        int[] w = {7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            sum += d(n, i) * w[i];
        }
        int r = sum % 11;
        if (r == 1) {
            return Optional.of("the weighted sum leaves remainder 1, which no valid number has");
        }
        int check = r == 0 ? 0 : 11 - r;
        return check == d(n, 7) ? Optional.empty() : wrong("check digit", check, d(n, 7));
    }

    private static final String IE_LETTERS = "WABCDEFGHIJKLMNOPQRSTUV";

    static Optional<String> ie(String n) {
        String digits;
        char check;
        int extra = 0;
        if (Character.isLetter(n.charAt(1)) || n.charAt(1) == '+' || n.charAt(1) == '*') {
            // old form: digit, letter/+/*, 5 digits, check letter -> "0" + 5 digits + first digit
            digits = "0" + n.substring(2, 7) + n.charAt(0);
            check = n.charAt(7);
        } else {
            digits = n.substring(0, 7);
            check = n.charAt(7);
            if (n.length() == 9) {
                char second = n.charAt(8);
                extra = (second == 'W' ? 0 : second - 'A' + 1) * 9;
            }
        }
        int sum = extra;
        for (int i = 0; i < 7; i++) {
            sum += d(digits, i) * (8 - i);
        }
        char expected = IE_LETTERS.charAt(sum % 23);
        return expected == check ? Optional.empty() : wrong("check letter", expected, check);
    }

    static Optional<String> pt(String n) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += d(n, i) * (9 - i);
        }
        int check = 11 - sum % 11;
        if (check > 9) {
            check = 0;
        }
        return check == d(n, 8) ? Optional.empty() : wrong("check digit", check, d(n, 8));
    }

    static Optional<String> cz(String n) {
        if (n.length() == 8) {
            if (n.charAt(0) == '9') {
                return Optional.of("8-digit numbers starting with 9 are not issued");
            }
            int sum = 0;
            for (int i = 0; i < 7; i++) {
                sum += d(n, i) * (8 - i);
            }
            int check = (11 - sum % 11) % 10;
            if (sum % 11 == 0) {
                check = 1;
            }
            return check == d(n, 7) ? Optional.empty() : wrong("check digit", check, d(n, 7));
        }
        if (n.length() == 9 && n.charAt(0) == '6') {
            // special individual numbers: check over digits 2..8, weights 8..2
            int sum = 0;
            for (int i = 1; i < 8; i++) {
                sum += d(n, i) * (9 - i);
            }
            int check = Math.floorMod(8 - Math.floorMod(10 - sum % 11, 11), 10);
            return check == d(n, 8) ? Optional.empty() : wrong("check digit", check, d(n, 8));
        }
        if (n.length() == 10) {
            // birth number of an individual: divisible by 11 (numbers from before 1954 have 9 digits and no check)
            return Long.parseLong(n) % 11 == 0 ? Optional.empty()
                    : Optional.of("a 10-digit Czech VAT number (birth number) must be divisible by 11");
        }
        return Optional.empty();
    }
}
