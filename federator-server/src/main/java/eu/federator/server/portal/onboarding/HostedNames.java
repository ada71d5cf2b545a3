package eu.federator.server.portal.onboarding;

import java.util.regex.Pattern;

/**
 * The name of a hosted identity: the last segment of {@code did:web:<host>:dids:<name>} and of its URLs
 * {@code /dids/<name>/did.json}. Lower-case letters, digits and hyphens, 2 to 63 characters (a DNS label's length),
 * starting and ending with a letter or digit, so that it reads the same in a DID, a URL and a file name.
 */
public final class HostedNames {
    private static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private HostedNames() {
    }

    /**
     * @return the name, unchanged
     * @throws OnboardingException saying what is wrong and what would be accepted
     */
    public static String check(String name) {
        if (name == null || name.isEmpty()) {
            throw new OnboardingException("give a name for the identity: 2 to 63 lower-case letters, digits or hyphens, e.g. acme-gmbh");
        }
        if (name.length() < 2 || name.length() > 63) {
            throw new OnboardingException("the name '" + name + "' has " + name.length() + " characters; use 2 to 63");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                String hint = Character.isUpperCase(c) ? " (use lower case: '" + name.toLowerCase(java.util.Locale.ROOT) + "')" : "";
                throw new OnboardingException("the name '" + name + "' contains '" + c + "' at position " + (i + 1)
                        + "; only lower-case letters a-z, digits and hyphens are allowed" + hint);
            }
        }
        if (!NAME.matcher(name).matches()) {
            throw new OnboardingException("the name '" + name + "' starts or ends with a hyphen; start and end it with a letter or digit");
        }
        return name;
    }
}
