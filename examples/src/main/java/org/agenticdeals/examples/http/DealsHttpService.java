package org.agenticdeals.examples.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.agenticdeals.Deals;
import org.agenticdeals.NotFoundException;
import org.agenticdeals.DealsException;
import org.agenticdeals.Page;
import org.agenticdeals.PageRequest;
import org.agenticdeals.ValidationException;
import org.agenticdeals.catalog.DealQuery;
import org.agenticdeals.goals.Goal;
import org.agenticdeals.goals.GoalParameters;
import org.agenticdeals.goals.NewGoal;
import org.agenticdeals.sharing.NewShare;
import org.agenticdeals.sharing.Share;
import org.agenticdeals.users.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small JSON service embedding the library as a host would: one {@link Deals} over a HikariCP pool, the JDK's
 * {@link HttpServer}, Jackson for JSON. {@link DealsHttpServiceMain} runs it on the provider chain's PostgreSQL.
 *
 * <table>
 *   <caption>Endpoints</caption>
 *   <tr><th>Request</th><th>Session</th><th>Answer</th></tr>
 *   <tr><td>{@code POST /login {"email", "password"}}</td><td>no</td><td>200 {@code {"token", "userId"}}; 401 for wrong
 *       credentials</td></tr>
 *   <tr><td>{@code POST /logout}</td><td>yes</td><td>204</td></tr>
 *   <tr><td>{@code GET /deals?q=&category=&market=&minPrice=&maxPrice=&minDiscount=&minReliability=&sort=&size=&cursor=}</td>
 *       <td>no</td><td>200 {@code {"items": [deal…], "nextCursor"}}: keyset pages, pass {@code nextCursor} back as
 *       {@code cursor}</td></tr>
 *   <tr><td>{@code GET /deals/{id}}</td><td>no</td><td>200 a deal; 404</td></tr>
 *   <tr><td>{@code POST /saved-deals {"dealId", "notes"}}</td><td>yes</td><td>201 the saved deal; 404 for an unknown deal</td></tr>
 *   <tr><td>{@code GET /saved-deals?size=&cursor=}</td><td>yes</td><td>200 the caller's saved deals, a page</td></tr>
 *   <tr><td>{@code POST /goals {"title", "description", "priority", "targetDate", "parameters": {"keywords": […],
 *       "max_price": …}}}</td><td>yes</td><td>201 the goal, matched against the catalog</td></tr>
 *   <tr><td>{@code GET /goals?size=&cursor=}</td><td>yes</td><td>200 the caller's goals, a page</td></tr>
 *   <tr><td>{@code GET /balance}</td><td>yes</td><td>200 the caller's tokens</td></tr>
 *   <tr><td>{@code POST /shares {"dealId", "message"}}</td><td>yes</td><td>201 the share and its link {@code /s/{linkId}}</td></tr>
 *   <tr><td>{@code GET /s/{linkId}}</td><td>no</td><td>200 the shared deal, the click counted; 404 for an unknown,
 *       deactivated or expired link</td></tr>
 * </table>
 *
 * <p>A session is {@code Authorization: Bearer <token>} from {@code /login}; without one a request that needs it is a
 * 401. Errors are JSON {@code {"error", "message", "field", "rule"}}: 400 for a {@code ValidationException} (the field
 * and the rule), 401, 403, 404, 409, 503 for a retryable database failure, 500 for anything else, never with SQL
 * text (see {@link Problem}).
 *
 * <p>{@link #close()} shuts down gracefully: no new connections, requests in flight get up to the grace period to
 * finish.
 */
public final class DealsHttpService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DealsHttpService.class);
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int DEFAULT_PAGE_SIZE = 20;
    private static final Duration SESSION_LIFETIME = Duration.ofHours(8);
    private static final int GRACE_SECONDS = 5;

    private final Deals deals;
    private final Sessions sessions;
    private final ObjectMapper json;
    private final HttpServer server;
    private final ExecutorService workers;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, Endpoint> routes;

    private volatile boolean closing;

    /** One endpoint: the request, its decoded path segments and query parameters. */
    @FunctionalInterface
    private interface Endpoint {
        void handle(HttpExchange exchange, List<String> path, Map<String, List<String>> query) throws IOException;
    }

    private DealsHttpService(Deals deals, HttpServer server, int threads) {
        this.deals = deals;
        this.sessions = new Sessions(Clock.systemUTC(), SESSION_LIFETIME);
        this.json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
        this.server = server;
        var counter = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, task -> new Thread(task, "deals-http-" + counter.incrementAndGet()));
        this.routes = endpoints();
        server.setExecutor(workers);
        server.createContext("/", this::handle);
    }

    /**
     * Starts serving {@code deals} on {@code address} (port 0: an ephemeral port, see {@link #port()}).
     *
     * @param deals   the one instance of the host, over its pool
     * @param address where to listen
     * @param threads request threads; more than the pool's connections only queue on the pool
     * @return the running service
     * @throws IOException if the address cannot be bound
     */
    public static DealsHttpService start(Deals deals, InetSocketAddress address, int threads) throws IOException {
        var service = new DealsHttpService(deals, HttpServer.create(address, 0), threads);
        service.server.start();
        return service;
    }

    /**
     * The port the service listens on.
     *
     * @return the bound port, also when it was started on port 0
     */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * The address to call, on the loopback interface.
     *
     * @return {@code http://127.0.0.1:<port>}
     */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /**
     * Shuts down gracefully: new requests are answered 503, requests in flight get up to 5 seconds to finish, then the
     * server and its threads stop. Idempotent.
     */
    @Override
    public void close() {
        closing = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        // Not stop(GRACE_SECONDS): before JDK 21 it waits the whole delay even when no exchange is in progress.
        server.stop(0);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    // ----------------------------------------------------------------------------------------------- routing

    private void handle(HttpExchange exchange) {
        inFlight.incrementAndGet();
        try (exchange) {
            try {
                if (closing) {
                    exchange.getResponseHeaders().set("Connection", "close");
                    throw new Problem.HttpFailure(503, "SHUTTING_DOWN", "the service is shutting down");
                }
                route(exchange);
            } catch (DealsException failure) {
                Problem problem = Problem.of(failure);
                if (problem.status() >= 500) {
                    LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), failure);
                }
                respond(exchange, problem.status(), problem.body());
            } catch (Problem.HttpFailure failure) {
                respond(exchange, failure.problem().status(), failure.problem().body());
            } catch (RuntimeException bug) {
                LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), bug);
                respond(exchange, 500, Problem.internal().body());
            }
        } catch (IOException clientGone) {
            LOG.debug("the client went away", clientGone);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** The endpoints by method and path pattern ({@code {}} is one path segment). */
    private Map<String, Endpoint> endpoints() {
        return Map.ofEntries(
                Map.entry("POST /login", (exchange, path, query) -> login(exchange)),
                Map.entry("POST /logout", (exchange, path, query) -> {
                    sessions.close(bearer(exchange));
                    respond(exchange, 204, null);
                }),
                Map.entry("GET /deals", (exchange, path, query) -> respond(exchange, 200, page(deals.catalog().search(dealQuery(query), page(query))))),
                Map.entry("GET /deals/{}", (exchange, path, query) -> respond(exchange, 200, deals.catalog().find(uuid("id", path.get(1)))
                        .orElseThrow(() -> new NotFoundException("deal", path.get(1))))),
                Map.entry("POST /saved-deals", (exchange, path, query) -> saveDeal(exchange, user(exchange))),
                Map.entry("GET /saved-deals", (exchange, path, query) -> respond(exchange, 200, page(deals.savedDeals().list(user(exchange), page(query))))),
                Map.entry("POST /goals", (exchange, path, query) -> createGoal(exchange, user(exchange))),
                Map.entry("GET /goals", (exchange, path, query) -> respond(exchange, 200, page(deals.goals().list(user(exchange), page(query))))),
                Map.entry("GET /balance", (exchange, path, query) -> respond(exchange, 200, deals.ledger().balance(user(exchange)))),
                Map.entry("POST /shares", (exchange, path, query) -> share(exchange, user(exchange))),
                Map.entry("GET /s/{}", (exchange, path, query) -> respond(exchange, 200, deals.sharing().resolve(path.get(1)))));
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        List<String> path = segments(exchange.getRequestURI().getRawPath());
        Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
        String route = method + " /" + (path.isEmpty() ? "" : path.get(0)) + (path.size() > 1 ? "/{}" : "");
        if (path.size() > 2) {
            throw notFound();
        }
        Endpoint endpoint = routes.get(route);
        if (endpoint == null) {
            String resource = route.substring(route.indexOf(' '));
            throw routes.keySet().stream().anyMatch(known -> known.endsWith(resource))
                    ? new Problem.HttpFailure(405, "METHOD_NOT_ALLOWED", method + " is not allowed on " + resource.strip())
                    : notFound();
        }
        endpoint.handle(exchange, path, query);
    }

    private static Problem.HttpFailure notFound() {
        return new Problem.HttpFailure(404, "NOT_FOUND", "no such endpoint");
    }

    // --------------------------------------------------------------------------------------------- endpoints

    private void login(HttpExchange exchange) throws IOException {
        JsonNode body = body(exchange);
        User user = deals.users().authenticate(text(body, "email"), text(body, "password"));
        var answer = new LinkedHashMap<String, Object>();
        answer.put("token", sessions.open(user.id()));
        answer.put("userId", user.id());
        respond(exchange, 200, answer);
    }

    private void saveDeal(HttpExchange exchange, UUID userId) throws IOException {
        JsonNode body = body(exchange);
        respond(exchange, 201, deals.savedDeals().save(userId, uuid("dealId", text(body, "dealId")), optionalText(body, "notes")));
    }

    private void createGoal(HttpExchange exchange, UUID userId) throws IOException {
        JsonNode body = body(exchange);
        JsonNode parameters = body.get("parameters");
        if (parameters == null || !parameters.isObject()) {
            throw new ValidationException("parameters", "must be a JSON object, e.g. {\"keywords\": [\"espresso\"], \"max_price\": 300}");
        }
        int priority = body.hasNonNull("priority") ? integer(body, "priority") : Goal.DEFAULT_PRIORITY;
        String targetDate = optionalText(body, "targetDate");
        var goal = new NewGoal(optionalText(body, "title"), optionalText(body, "description"), GoalParameters.fromJson(parameters.toString()),
                priority, targetDate == null ? null : instant("targetDate", targetDate));
        Goal created = deals.goals().create(userId, goal);
        // A goal has no matches until it is matched against the catalog; a web request can afford one goal's rematch.
        deals.goals().rematch(userId, created.id());
        respond(exchange, 201, deals.goals().get(userId, created.id()));
    }

    private void share(HttpExchange exchange, UUID userId) throws IOException {
        JsonNode body = body(exchange);
        NewShare share = NewShare.byLink(uuid("dealId", text(body, "dealId")));
        String message = optionalText(body, "message");
        Share created = deals.sharing().share(userId, message == null ? share : share.withMessage(message));
        var answer = new LinkedHashMap<String, Object>();
        answer.put("share", created);
        answer.put("link", "/s/" + created.publicLinkId());
        respond(exchange, 201, answer);
    }

    // ---------------------------------------------------------------------------------------- request parts

    /** The session's user; a 401 without a live session. */
    private UUID user(HttpExchange exchange) {
        return sessions.userOf(bearer(exchange)).orElseThrow(() -> new Problem.HttpFailure(401, "SESSION_REQUIRED",
                "log in with POST /login and send Authorization: Bearer <token>"));
    }

    private static String bearer(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            throw new Problem.HttpFailure(401, "SESSION_REQUIRED", "log in with POST /login and send Authorization: Bearer <token>");
        }
        return header.substring(7).strip();
    }

    private JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new Problem.HttpFailure(413, "BODY_TOO_LARGE", "the body must be at most " + MAX_BODY_BYTES + " bytes");
        }
        try {
            JsonNode body = json.readTree(bytes);
            if (body == null || !body.isObject()) {
                throw new ValidationException("body", "must be a JSON object");
            }
            return body;
        } catch (JsonProcessingException malformed) {
            throw new ValidationException("body", "is not valid JSON: " + malformed.getOriginalMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        String value = optionalText(body, field);
        if (value == null) {
            throw new ValidationException(field, "is required");
        }
        return value;
    }

    private static String optionalText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ValidationException(field, "must be a string");
        }
        return value.asText();
    }

    private static int integer(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new ValidationException(field, "must be an integer");
        }
        return value.intValue();
    }

    private static DealQuery dealQuery(Map<String, List<String>> query) {
        DealQuery search = DealQuery.all();
        String text = single(query, "q");
        if (text != null) {
            search = search.withText(text);
        }
        String category = single(query, "category");
        if (category != null) {
            search = search.withCategory(uuid("category", category));
        }
        Set<UUID> markets = new HashSet<>();
        query.getOrDefault("market", List.of()).forEach(market -> markets.add(uuid("market", market)));
        search = search.withMarkets(markets)
                .withPriceBetween(decimal(query, "minPrice"), decimal(query, "maxPrice"))
                .withMinDiscount(decimal(query, "minDiscount"))
                .withMinReliability(decimal(query, "minReliability"));
        String sort = single(query, "sort");
        if (sort != null) {
            try {
                search = search.sortedBy(DealQuery.Sort.valueOf(sort.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException unknown) {
                throw new ValidationException("sort", "must be one of relevance, newest, discount, price; was '" + sort + "'");
            }
        }
        return search;
    }

    private static PageRequest page(Map<String, List<String>> query) {
        String size = single(query, "size");
        int rows;
        try {
            rows = size == null ? DEFAULT_PAGE_SIZE : Integer.parseInt(size);
        } catch (NumberFormatException notANumber) {
            throw new ValidationException("size", "must be an integer, was '" + size + "'");
        }
        String cursor = single(query, "cursor");
        return cursor == null ? PageRequest.first(rows) : PageRequest.after(cursor, rows);
    }

    private static BigDecimal decimal(Map<String, List<String>> query, String name) {
        String value = single(query, name);
        try {
            return value == null ? null : new BigDecimal(value);
        } catch (NumberFormatException notANumber) {
            throw new ValidationException(name, "must be a decimal number, was '" + value + "'");
        }
    }

    private static UUID uuid(String name, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException notAUuid) {
            throw new ValidationException(name, "must be a UUID, was '" + value + "'");
        }
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            throw new ValidationException(name, "must be an ISO-8601 instant such as 2026-12-24T00:00:00Z, was '" + value + "'");
        }
    }

    private static String single(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty() || values.get(0).isBlank()) {
            return null;
        }
        if (values.size() > 1) {
            throw new ValidationException(name, "must be given once");
        }
        return values.get(0);
    }

    private static List<String> segments(String rawPath) {
        var segments = new ArrayList<String>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(decoded("path", segment));
            }
        }
        return segments;
    }

    private static Map<String, List<String>> query(String rawQuery) {
        var parameters = new LinkedHashMap<String, List<String>>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = decoded("query", equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decoded("query", pair.substring(equals + 1));
            parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    /** {@code raw} percent-decoded; malformed escapes ({@code %zz}) are the client's mistake, a 400 naming {@code part}. */
    private static String decoded(String part, String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw new ValidationException(part, "must be percent-encoded correctly");
        }
    }

    // ---------------------------------------------------------------------------------------------- answers

    private static Map<String, Object> page(Page<?> page) {
        var answer = new LinkedHashMap<String, Object>();
        answer.put("items", page.items());
        page.nextCursor().ifPresent(cursor -> answer.put("nextCursor", cursor));
        return answer;
    }

    private void respond(HttpExchange exchange, int status, Object body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException bug) {
            // Not the client going away (an IOException too): a body this service cannot write is its own bug, a 500.
            throw new UncheckedIOException(bug);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
