package eu.federator.server.instance;

import eu.federator.server.db.DatabaseMode;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.info.BuildProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** Records each start in {@code server_start} and shows the history in {@code /actuator/info} under "instance". */
@Component
public class ServerStarts implements InfoContributor {
    private final JdbcTemplate jdbc;
    private final DatabaseMode databaseMode;
    private final String version;

    public ServerStarts(JdbcTemplate jdbc, DatabaseMode databaseMode, ObjectProvider<BuildProperties> build) {
        this.jdbc = jdbc;
        this.databaseMode = databaseMode;
        BuildProperties properties = build.getIfAvailable();
        this.version = properties != null ? properties.getVersion() : "development";
    }

    @EventListener(ApplicationStartedEvent.class)
    public void record() {
        jdbc.update("INSERT INTO server_start (version, database) VALUES (?, ?)", version, databaseMode.label());
    }

    @Override
    public void contribute(Info.Builder builder) {
        Map<String, Object> instance = new LinkedHashMap<>();
        instance.put("version", version);
        instance.put("database", databaseMode.label());
        jdbc.query("SELECT count(*) AS starts, min(started_at) AS first_start, max(started_at) AS last_start FROM server_start", rs -> {
            instance.put("starts", rs.getLong("starts"));
            instance.put("firstStart", String.valueOf(rs.getObject("first_start", OffsetDateTime.class)));
            instance.put("lastStart", String.valueOf(rs.getObject("last_start", OffsetDateTime.class)));
        });
        instance.put("postgresql", jdbc.queryForObject("SHOW server_version", String.class));
        builder.withDetail("instance", instance);
    }
}
