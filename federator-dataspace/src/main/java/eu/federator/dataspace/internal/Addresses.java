package eu.federator.dataspace.internal;

/** DSP base URLs and callback addresses, with or without a trailing slash (the protocol says to handle both). */
public final class Addresses {
    private Addresses() {
    }

    /** {@code base} + {@code path}, with exactly one slash between them. */
    public static String join(String base, String path) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return b + (path.startsWith("/") ? path : "/" + path);
    }

    /** A path segment for a process id (an IRI such as {@code urn:uuid:...}): only what a segment cannot hold is escaped. */
    public static String segment(String pid) {
        StringBuilder out = new StringBuilder(pid.length());
        for (char ch : pid.toCharArray()) {
            if (Character.isLetterOrDigit(ch) && ch < 128 || "-._~:@!$&'()*+,;=".indexOf(ch) >= 0) {
                out.append(ch);
            } else {
                for (byte b : String.valueOf(ch).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    out.append('%').append(String.format("%02X", b & 0xff));
                }
            }
        }
        return out.toString();
    }
}
