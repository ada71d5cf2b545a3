package eu.federator.dataspace.dispatch;

import com.sun.net.httpserver.HttpServer;
import eu.federator.dataspace.outbox.OutboxEntry;
import eu.federator.dataspace.outbox.OutboxMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** How HTTP answers map to delivered / retry / give up, against a loopback server. */
class HttpMessageSenderTest {
    private final ExecutorService serverThreads = Executors.newFixedThreadPool(4);
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private String base;

    @BeforeEach
    void counterParty() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(serverThreads);
        // /status/NNN answers NNN with a small body; /hang answers only when the test ends
        server.createContext("/status/", ex -> {
            ex.getRequestBody().readAllBytes();
            int status = Integer.parseInt(ex.getRequestURI().getPath().substring("/status/".length()));
            byte[] body = ("answer " + status).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/hang", ex -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private static OutboxMessage message(String url) {
        return new OutboxMessage(1, "negotiation", "urn:uuid:p1", new OutboxEntry("ContractAgreementMessage", url, "{}"), 0,
                Instant.EPOCH, null);
    }

    private SendResult send(String path) {
        return new HttpMessageSender(m -> "Bearer t").send(message(base + path));
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204})
    void twoHundredsAreDelivered(int status) {
        assertThat(send("/status/" + status)).isInstanceOf(SendResult.Sent.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 409, 429, 500, 502, 503, 504})
    void overloadTimeoutsConflictsAndServerErrorsAreRetried(int status) {
        assertThat(send("/status/" + status)).isInstanceOfSatisfying(SendResult.RetryLater.class,
                r -> assertThat(r.reason()).contains("answered " + status).contains("answer " + status));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 302})
    void otherAnswersAreGivenUp(int status) {
        assertThat(send("/status/" + status)).isInstanceOfSatisfying(SendResult.Rejected.class,
                r -> assertThat(r.reason()).contains("answered " + status));
    }

    @Test
    void aCounterPartyThatDoesNotAnswerInTimeIsRetried() {
        // the server holds the request until the test ends, so only the time limit can end the send
        SendResult result = new HttpMessageSender(m -> "Bearer t", Duration.ofSeconds(5), Duration.ofMillis(200))
                .send(message(base + "/hang"));
        assertThat(result).isInstanceOfSatisfying(SendResult.RetryLater.class, r -> assertThat(r.reason()).contains("timed out"));
    }

    @Test
    void aTargetThatIsNotAUrlIsGivenUp() {
        assertThat(new HttpMessageSender(m -> "Bearer t").send(message("not a url"))).isInstanceOf(SendResult.Rejected.class);
    }
}
