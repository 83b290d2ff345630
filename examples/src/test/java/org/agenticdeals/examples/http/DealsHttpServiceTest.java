package org.agenticdeals.examples.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.agenticdeals.Deals;
import org.agenticdeals.DealsDataAccessException;
import org.agenticdeals.ErrorCode;
import org.agenticdeals.ledger.Balance;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.Fixtures;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.SeedData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The HTTP example over a seeded test database, called over the loopback interface as a client would. */
class DealsHttpServiceTest {

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private DealsHttpService service;
    private Deals deals;

    @BeforeEach
    void start(Deals deals) throws IOException {
        this.deals = deals;
        this.service = DealsHttpService.start(deals, new InetSocketAddress("127.0.0.1", 0), 4);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void loginGivesASessionTokenAndAWrongPasswordIs401() throws Exception {
        Answer wrong = post("/login", null, "{\"email\": \"alice@example.com\", \"password\": \"not her password\"}");
        Answer missing = post("/login", null, "{\"email\": \"alice@example.com\"}");
        String token = login("alice@example.com");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("error").asText()).isEqualTo("BAD_CREDENTIALS");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("field").asText()).isEqualTo("password");
        assertThat(token).hasSizeGreaterThanOrEqualTo(40);
        assertThat(get("/balance", token).status()).isEqualTo(200);
        assertThat(post("/logout", token, "").status()).isEqualTo(204);
        assertThat(get("/balance", token).status()).isEqualTo(401);
    }

    @Test
    void searchPagesWithAKeysetCursor(Fixtures fixtures) throws Exception {
        for (int kettle = 1; kettle <= 3; kettle++) {
            fixtures.deal().title("Quokka kettle " + kettle).create();
        }

        Answer first = get("/deals?q=quokka&size=2", null);
        Answer second = get("/deals?q=quokka&size=2&cursor=" + first.json().get("nextCursor").asText(), null);

        assertThat(first.status()).isEqualTo(200);
        List<String> titles = new ArrayList<>(titles(first.json().get("items")));
        titles.addAll(titles(second.json().get("items")));
        assertThat(titles).containsExactlyInAnyOrder("Quokka kettle 1", "Quokka kettle 2", "Quokka kettle 3");
        assertThat(second.json().has("nextCursor")).isFalse();
        UUID id = UUID.fromString(first.json().get("items").get(0).get("id").asText());
        assertThat(get("/deals/" + id, null).json().get("title").asText()).startsWith("Quokka kettle");
    }

    @Test
    void aBadParameterIs400NamingItsFieldAndRule() throws Exception {
        Answer price = get("/deals?minPrice=cheap", null);
        Answer size = get("/deals?size=0", null);
        Answer cursor = get("/deals?cursor=not-a-cursor-we-issued", null);
        Answer sort = get("/deals?sort=sideways", null);

        assertThat(price.status()).isEqualTo(400);
        assertThat(price.json().get("error").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(price.json().get("field").asText()).isEqualTo("minPrice");
        assertThat(price.json().get("rule").asText()).contains("decimal number");
        assertThat(size.status()).isEqualTo(400);
        assertThat(size.json().get("field").asText()).isEqualTo("page.size");
        assertThat(cursor.status()).isEqualTo(400);
        assertThat(cursor.json().get("field").asText()).isEqualTo("page.cursor");
        assertThat(sort.json().get("field").asText()).isEqualTo("sort");
    }

    @Test
    void savedDealsAreVisibleToTheirOwnerOnly(Fixtures fixtures) throws Exception {
        UUID dealId = fixtures.deal().title("Ergonomic office chair").create().getId();
        String alice = login("alice@example.com");
        String bob = login("bob@example.com");

        Answer saved = post("/saved-deals", alice, "{\"dealId\": \"" + dealId + "\", \"notes\": \"for the study\"}");
        Answer alicesList = get("/saved-deals?size=100", alice);
        Answer bobsList = get("/saved-deals?size=100", bob);

        assertThat(saved.status()).isEqualTo(201);
        assertThat(saved.json().get("notes").asText()).isEqualTo("for the study");
        assertThat(dealIds(alicesList.json().get("items"))).contains(dealId.toString());
        assertThat(bobsList.status()).isEqualTo(200);
        assertThat(dealIds(bobsList.json().get("items"))).doesNotContain(dealId.toString());
    }

    @Test
    void savingAnUnknownDealIs404AndNoSessionIs401() throws Exception {
        String alice = login("alice@example.com");

        Answer unknown = post("/saved-deals", alice, "{\"dealId\": \"" + UUID.randomUUID() + "\"}");
        Answer notAUuid = post("/saved-deals", alice, "{\"dealId\": \"42\"}");
        Answer anonymous = get("/saved-deals", null);
        Answer forged = get("/saved-deals", "made-up-token");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isEqualTo("NOT_FOUND");
        assertThat(notAUuid.status()).isEqualTo(400);
        assertThat(notAUuid.json().get("field").asText()).isEqualTo("dealId");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(forged.status()).isEqualTo(401);
    }

    @Test
    void aGoalIsCreatedMatchedAgainstTheCatalogAndListed(Fixtures fixtures) throws Exception {
        fixtures.deal().title("Quokka espresso grinder").originalPrice("200.00").price("120.00").create();
        String alice = login("alice@example.com");

        Answer created = post("/goals", alice, "{\"title\": \"A grinder\", \"priority\": 2,"
                + " \"parameters\": {\"keywords\": [\"quokka grinder\"], \"max_price\": 150}}");
        Answer listed = get("/goals?size=100", alice);
        Answer untitled = post("/goals", alice, "{\"parameters\": {\"keywords\": [\"grinder\"]}}");
        Answer unknownCriterion = post("/goals", alice, "{\"title\": \"x\", \"parameters\": {\"colour\": \"red\"}}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(created.json().get("progress").get("matchesFound").asInt()).isEqualTo(1);
        assertThat(listed.json().get("items").findValuesAsText("title")).contains("A grinder");
        assertThat(untitled.status()).isEqualTo(400);
        assertThat(untitled.json().get("field").asText()).isEqualTo("goal.title");
        assertThat(unknownCriterion.status()).isEqualTo(400);
        assertThat(unknownCriterion.json().get("field").asText()).isEqualTo("parameters");
    }

    @Test
    void theBalanceIsTheLedgers(SeedData seed) throws Exception {
        UUID aliceId = seed.user("alice@example.com").id();
        Balance expected = deals.ledger().balance(aliceId);

        JsonNode balance = get("/balance", login("alice@example.com")).json();

        assertThat(balance.get("userId").asText()).isEqualTo(aliceId.toString());
        assertThat(balance.get("balance").asInt()).isEqualTo(expected.balance());
        assertThat(balance.get("lifetimeEarned").asInt()).isEqualTo(expected.lifetimeEarned());
    }

    @Test
    void aSharedLinkResolvesForAnyoneAndCountsAndAnUnknownOneIs404(Fixtures fixtures, SeedData seed) throws Exception {
        UUID dealId = fixtures.deal().title("Cast iron pan").create().getId();
        String alice = login("alice@example.com");

        Answer shared = post("/shares", alice, "{\"dealId\": \"" + dealId + "\", \"message\": \"look\"}");
        String link = shared.json().get("link").asText();
        Answer first = get(link, null);
        Answer second = get(link, null);
        Answer unknown = get("/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", null);

        assertThat(shared.status()).isEqualTo(201);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("title").asText()).isEqualTo("Cast iron pan");
        assertThat(second.status()).isEqualTo(200);
        UUID shareId = UUID.fromString(shared.json().get("share").get("id").asText());
        assertThat(deals.sharing().find(seed.user("alice@example.com").id(), shareId).orElseThrow().clickCount()).isEqualTo(2);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isEqualTo("SHARE_LINK_UNAVAILABLE");
    }

    @Test
    void malformedBodiesUnknownRoutesAndWrongMethodsAreRefused() throws Exception {
        Answer malformed = post("/login", null, "{\"email\": ");
        Answer notAnObject = post("/login", null, "[1, 2]");
        Answer nowhere = get("/nowhere", null);
        Answer wrongMethod = send(HttpRequest.newBuilder(service.baseUri().resolve("/goals")).DELETE());

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("field").asText()).isEqualTo("body");
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(wrongMethod.status()).isEqualTo(405);
    }

    @Test
    void aDatabaseFailureIs500Or503AndKeepsItsSqlToTheServer() {
        var failure = new DealsDataAccessException(ErrorCode.DATA_ACCESS,
                "ERROR: column \"secret\" does not exist in SELECT secret FROM deals.users", "42703", null);
        var busy = new DealsDataAccessException(ErrorCode.TIMEOUT, "ERROR: canceling statement due to lock timeout", "55P03", null);

        Problem problem = Problem.of(failure);

        assertThat(problem.status()).isEqualTo(500);
        assertThat(problem.body().toString()).doesNotContain("SELECT", "secret", "42703");
        assertThat(Problem.of(busy).status()).isEqualTo(503);
        assertThat(Problem.of(busy).body().toString()).doesNotContain("lock timeout");
    }

    @Test
    void afterCloseTheServiceRefusesConnections() {
        URI address = service.baseUri().resolve("/deals");
        service.close();

        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(address).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private record Answer(int status, JsonNode json, java.net.http.HttpHeaders headers) {
    }

    private String login(String email) throws Exception {
        Answer answer = post("/login", null, "{\"email\": \"" + email + "\", \"password\": \"" + SeedData.PASSWORD + "\"}");
        assertThat(answer.status()).as("login of %s", email).isEqualTo(200);
        return answer.json().get("token").asText();
    }

    private Answer get(String path, String token) throws Exception {
        return send(authorized(HttpRequest.newBuilder(service.baseUri().resolve(path)).GET(), token));
    }

    private Answer post(String path, String token, String body) throws Exception {
        return send(authorized(HttpRequest.newBuilder(service.baseUri().resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body)), token));
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String token) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private Answer send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        return new Answer(response.statusCode(), json, response.headers());
    }

    private static List<String> titles(JsonNode items) {
        return items.findValuesAsText("title");
    }

    private static List<String> dealIds(JsonNode items) {
        return items.findValuesAsText("dealId");
    }
}
