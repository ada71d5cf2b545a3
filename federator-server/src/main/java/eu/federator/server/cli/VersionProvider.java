package eu.federator.server.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Version from the build-info the Maven build writes ({@code META-INF/build-info.properties}). */
public final class VersionProvider implements CommandLine.IVersionProvider {

    public static String version() {
        try (InputStream in = VersionProvider.class.getClassLoader().getResourceAsStream("META-INF/build-info.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("build.version", "development");
            }
        } catch (IOException ignored) {
            // fall through
        }
        return "development";
    }

    @Override
    public String[] getVersion() {
        return new String[]{"federator " + version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
