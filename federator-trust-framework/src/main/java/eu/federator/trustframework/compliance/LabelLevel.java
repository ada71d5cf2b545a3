package eu.federator.trustframework.compliance;

/** The Loire compliance levels: standard compliance and the three label levels (GXDCH path names and gx:labelLevel values). */
public enum LabelLevel {
    SC("standard-compliance"),
    L1("label-level-1"),
    L2("label-level-2"),
    L3("label-level-3");

    private final String path;

    LabelLevel(String path) {
        this.path = path;
    }

    /** The GXDCH path segment, e.g. {@code label-level-1}. */
    public String path() {
        return path;
    }

    public static LabelLevel fromPath(String path) {
        for (LabelLevel level : values()) {
            if (level.path.equals(path)) {
                return level;
            }
        }
        throw new IllegalArgumentException("unknown compliance level '" + path + "'; expected standard-compliance, label-level-1, label-level-2 or label-level-3");
    }
}
