package eu.federator.catalogue.sd;

import eu.federator.catalogue.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static eu.federator.catalogue.sd.TestSelfDescriptions.T0;
import static eu.federator.catalogue.sd.TestSelfDescriptions.sd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@link SelfDescriptionStore} contract on a real PostgreSQL with the V2 and V3 migrations. */
class PostgresSelfDescriptionStoreTest extends SelfDescriptionStoreTestBase {
    static DataSource dataSource;

    @BeforeAll
    static void database() {
        dataSource = new PooledDataSource(TestPostgres.get().newDatabase("db/migration/V2__schemas.sql", "db/migration/V3__self_descriptions.sql", "db/migration/V6__search_facets.sql"), 20);
    }

    @Override
    protected SelfDescriptionStore emptyStore() {
        sql("TRUNCATE catalogue_participants, catalogue_sd_credentials, catalogue_credentials, catalogue_self_descriptions, "
                + "catalogue_events; UPDATE catalogue_event_sequence SET last = 0");
        return new PostgresSelfDescriptionStore(dataSource);
    }

    @Override
    protected Set<String> storedCredentials() {
        Set<String> hashes = new HashSet<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT credential_hash FROM catalogue_credentials")) {
            while (rs.next()) {
                hashes.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return hashes;
    }

    static void sql(String statements) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(statements);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theDatabaseBacksUpOneActiveSelfDescriptionPerSubject() {
        String hash = store.store(sd(OFFERING).build(), T0).sd().hash();

        // a writer that bypassed the store would be stopped by the partial unique index
        assertThatThrownBy(() -> sql("INSERT INTO catalogue_self_descriptions (sd_hash, subject_id, kind, types, format, content_type, "
                + "content, claims, status, upload_time, status_time) SELECT md5('x') || md5('y'), subject_id, kind, types, format, "
                + "content_type, content, claims, 'active', upload_time, status_time FROM catalogue_self_descriptions WHERE sd_hash = '" + hash + "'"))
                .hasMessageContaining("catalogue_sd_one_active");
    }

    @Test
    void aSnapshotLeavesItsConnectionAsItFoundIt() throws SQLException {
        PooledDataSource one = new PooledDataSource(dataSource, 1);
        SelfDescriptionStore pooled = new PostgresSelfDescriptionStore(one);
        pooled.store(sd(OFFERING).build(), T0);

        pooled.snapshot(p -> { });
        assertThatThrownBy(() -> pooled.snapshot(p -> {
            throw new IllegalStateException("fails");
        })).hasMessage("fails");

        // the next borrower of that connection writes in the default isolation, read-write, auto-commit
        try (Connection c = one.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW transaction_isolation")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("read committed");
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
            assertThat(c.isReadOnly()).isFalse();
            assertThat(c.getAutoCommit()).isTrue();
        }
    }

    @Test
    void theMigrationFillsKeywordsAndCountriesOfRowsStoredBeforeFromTheirClaims() throws Exception {
        DataSource v3 = TestPostgres.get().newDatabase("db/migration/V2__schemas.sql", "db/migration/V3__self_descriptions.sql");
        String gx = TestSelfDescriptions.GX;
        String offering = "https://p1.example/storage#cs";
        try (Connection c = v3.getConnection(); Statement s = c.createStatement()) {
            // an offering with keywords (one with an escaped quote, one of another subject) and a subdivision code, and its
            // provider's participant self-description with an address
            insertV3(s, "a", offering, "service-offering", "did:web:p1", "<" + offering + "> <" + gx + "keyword> \"storage\" .\n"
                    + "<" + offering + "> <http://www.w3.org/ns/dcat#keyword> \"say \\\"S3\\\"\" .\n"
                    + "<https://p1.example/other#cs> <" + gx + "keyword> \"not mine\" .\n"
                    + "_:dc <" + gx + "countrySubdivisionCode> \"fr-idf\" .\n");
            insertV3(s, "b", "did:web:p1", "participant", "did:web:p1", "<did:web:p1> <" + gx + "legalAddress> _:a .\n"
                    + "_:a <" + gx + "countryCode> \"DE\"^^<" + gx + "CountryCode> .\n");
            insertV3(s, "c", "https://p2.example/x#cs", "service-offering", "did:web:p2", "<https://p2.example/x#cs> <" + gx + "name> \"x\" .\n");
            try (var in = getClass().getClassLoader().getResourceAsStream("db/migration/V6__search_facets.sql")) {
                s.execute(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        SelfDescriptionStore migrated = new PostgresSelfDescriptionStore(v3);

        assertThat(migrated.recorded(hash("a")).orElseThrow()).isEqualTo(new SelfDescriptionStore.Recorded(
                new SdFacets(List.of("say \"S3\"", "storage"), List.of("DE", "FR"), Compliance.NOT_CHECKED), null));
        assertThat(migrated.recorded(hash("b")).orElseThrow().facets()).isEqualTo(new SdFacets(List.of(), List.of("DE"), Compliance.NOT_CHECKED));
        assertThat(migrated.recorded(hash("c")).orElseThrow().facets()).isEqualTo(SdFacets.NOT_RECORDED);
        SdSearch de = new SdSearch("", Set.of(), List.of(), Set.of(), List.of(), List.of("DE"), Set.of(), SdSearch.Sort.NAME, 0, 10);
        assertThat(migrated.search(de).hits()).extracting(h -> h.sd().hash()).containsExactly(hash("b"), hash("a"));
    }

    private static String hash(String name) {
        return TestSelfDescriptions.sha256(name);
    }

    private static void insertV3(Statement s, String name, String subject, String kind, String provider, String claims) throws SQLException {
        s.execute("INSERT INTO catalogue_self_descriptions (sd_hash, subject_id, provider, kind, types, format, content_type, content, "
                + "claims, status, upload_time, status_time) VALUES ('" + hash(name) + "', '" + subject + "', '" + provider + "', '" + kind
                + "', '{}', 'vc+jwt', 'application/vc+jwt', 'x', '" + claims.replace("'", "''") + "', 'active', now(), now())");
    }

    @Test
    void wordsWithColonsOrSlashesArePhrasesForWebSearch() {
        assertThat(PostgresSelfDescriptionStore.websearchText("storage")).isEqualTo("storage");
        assertThat(PostgresSelfDescriptionStore.websearchText("https://a.example/x#cs")).isEqualTo("\"https://a.example/x#cs\"");
        assertThat(PostgresSelfDescriptionStore.websearchText("cloud -did:web:a.example or  x/y"))
                .isEqualTo("cloud -\"did:web:a.example\" or  \"x/y\"");
        assertThat(PostgresSelfDescriptionStore.websearchText("\"a b:c\" d:e")).isEqualTo("\"a b:c\" \"d:e\"");
        assertThat(PostgresSelfDescriptionStore.websearchText("\"open a:b")).isEqualTo("\"open a:b");
        assertThat(PostgresSelfDescriptionStore.websearchText("a:b\"c d\"")).isEqualTo("\"a:b\"\"c d\"");
    }

    @Test
    void aStoreOverADatabaseItCannotReachSaysSo() {
        org.postgresql.ds.PGSimpleDataSource nowhere = new org.postgresql.ds.PGSimpleDataSource();
        nowhere.setUrl("jdbc:postgresql://127.0.0.1:1/nothing");
        nowhere.setConnectTimeout(2);
        SelfDescriptionStore unreachable = new PostgresSelfDescriptionStore(nowhere);

        assertThatThrownBy(() -> unreachable.store(sd(OFFERING).build(), T0)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("self-description store: ");
        assertThatThrownBy(unreachable::lastSequence).isInstanceOf(IllegalStateException.class);
    }
}
