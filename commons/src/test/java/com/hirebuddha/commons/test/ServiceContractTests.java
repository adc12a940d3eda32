package com.hirebuddha.commons.test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.hirebuddha.commons.jdbc.PlumbingHistory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every servlet service promises, checked against the running service: probes that
 * reflect PostgreSQL and Kafka, Prometheus metrics, request ids, problem+json errors, and
 * a database role that cannot read other services' schemas. A service's test class
 * extends it and adds {@link ServiceTest}.
 */
public abstract class ServiceContractTests {

	/** Event plumbing: the relay reads across tenants; event ids, not tenants, key it. */
	private static final List<String> PLUMBING = List.of("outbox_event", "inbox_event");

	private static final List<String> SCHEMAS = List.of("auth", "tenant", "orchestration", "worker", "billing",
			"ingestion", "notification");

	/**
	 * The services whose V1 held domain tables before the split, and what it was called.
	 */
	private static final Map<String, String> PRE_SPLIT_SCRIPTS = Map.of("tenant-service", "V1__tenants.sql",
			"billing-service", "V1__billing_accounts.sql");

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	private ServiceClient client;

	@Value("${spring.application.name}")
	private String applicationName;

	@Value("${hb.schema}")
	private String schema;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private Flyway flyway;

	@Test
	void readinessReflectsDatabaseAndKafka() throws Exception {
		HttpResponse<String> response = get("/actuator/health/readiness", null);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode health = this.json.readTree(response.body());
		assertThat(health.path("status").asString()).isEqualTo("UP");
		assertThat(health.path("components").path("db").path("status").asString()).isEqualTo("UP");
		assertThat(health.path("components").path("kafka").path("status").asString()).isEqualTo("UP");
	}

	@Test
	void telemetryIsNotPushedAnywhereUnlessConfigured() {
		List<String> registries = (this.meters instanceof CompositeMeterRegistry composite)
				? composite.getRegistries().stream().map((registry) -> registry.getClass().getSimpleName()).toList()
				: List.of(this.meters.getClass().getSimpleName());
		assertThat(registries).contains("PrometheusMeterRegistry").doesNotContain("OtlpMeterRegistry");
	}

	@Test
	void livenessIsUp() throws Exception {
		HttpResponse<String> response = get("/actuator/health/liveness", null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(response.body()).path("status").asString()).isEqualTo("UP");
	}

	@Test
	void prometheusMetricsAreTaggedWithTheService() throws Exception {
		HttpResponse<String> response = get("/actuator/prometheus", null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("application=\"" + this.applicationName + "\"")
			.contains("hb_outbox_pending");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void unknownPathAnswersProblemJsonWithTheRequestId(CapturedOutput output) throws Exception {
		HttpResponse<String> response = get("/api/v1/no-such-thing", "req-contract-1");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.headers().firstValue("X-Request-Id")).hasValue("req-contract-1");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.path("type").asString()).isEqualTo("https://hirebuddha.dev/problems/not-found");
		assertThat(problem.path("status").asInt()).isEqualTo(404);
		assertThat(problem.path("instance").asString()).isEqualTo("/api/v1/no-such-thing");
		assertThat(problem.path("requestId").asString()).isEqualTo("req-contract-1");
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at com.");
		assertThat(output.getOut()).as("one access log line carrying the request id")
			.containsPattern("\"logger\":\"access\".*\"message\":\"GET /api/v1/no-such-thing\".*"
					+ "\"requestId\":\"req-contract-1\".*\"status\":404");
	}

	@Test
	void malformedRequestIdIsReplaced() throws Exception {
		HttpResponse<String> response = get("/actuator/health/liveness", "bad id\u00e9");
		assertThat(response.headers().firstValue("X-Request-Id"))
			.hasValueSatisfying((id) -> assertThat(id).matches("[0-9a-f-]{36}"));
	}

	@Test
	void databaseRoleOwnsItsSchemaAndCannotReadOthers() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		assertThat(jdbc.queryForObject("select current_user", String.class)).isEqualTo("hb_" + this.schema);
		assertThat(jdbc.queryForObject("select count(*) from " + this.schema + ".flyway_schema_history", Integer.class))
			.isPositive();
		for (String other : SCHEMAS) {
			if (!other.equals(this.schema)) {
				assertThatThrownBy(
						() -> jdbc.queryForObject("select count(*) from " + other + ".outbox_event", Integer.class))
					.rootCause()
					.hasMessageContaining("permission denied for schema " + other);
			}
		}
	}

	@Test
	void apiNeedsABearerTokenAndSaysSoAsProblemJson() throws Exception {
		HttpResponse<String> response = new ServiceClient(this.port).get("/api/v1/no-such-thing", "req-contract-2");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.path("type").asString()).isEqualTo("https://hirebuddha.dev/problems/unauthorized");
		assertThat(problem.path("requestId").asString()).isEqualTo("req-contract-2");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("forgedTokens")
	void refusesTokensThatAreNotValidAccessTokens(String why, String token) throws Exception {
		HttpResponse<String> response = new ServiceClient(this.port).withBearer(token).get("/api/v1/no-such-thing");
		assertThat(response.statusCode()).as(why).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((header) -> assertThat(header).contains("invalid_token"));
	}

	static Stream<Arguments> forgedTokens() {
		return TestTokens.forged()
			.entrySet()
			.stream()
			.map((forged) -> Arguments.of(forged.getKey(), forged.getValue()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refusedBodies")
	void aBodyThePolicyRefusesIs400NamingTheField(String body, String field) throws Exception {
		HttpResponse<String> refused = probe().send("POST", InputPolicyProbe.PATH, body);
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.json.readTree(refused.body());
		assertThat(problem.path("type").asString()).isEqualTo("https://hirebuddha.dev/problems/validation-failed");
		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo(field);
		assertThat(refused.body()).doesNotContain("Exception").doesNotContain("tools.jackson");
	}

	static Stream<Arguments> refusedBodies() {
		return Stream.of(Arguments.of("{\"text\":\"a\\u0000b\"}", "text"),
				Arguments.of("{\"text\":\"lone \\ud800 high\"}", "text"),
				Arguments.of("{\"text\":\"lone \\udc00 low\"}", "text"),
				Arguments.of("{\"input\":{\"deep\":{\"k\":\"\\u0000\"}}}", "input.deep.k"),
				Arguments.of("{\"input\":{\"deep\":{\"\\u0000\":1}}}", "input.deep"),
				Arguments.of("{\"tags\":[\"ok\",\"x\\ud800\"]}", "tags[1]"), Arguments.of("{\"count\":1.5}", "count"),
				Arguments.of("{\"count\":100.0}", "count"), Arguments.of("{\"count\":\"12\"}", "count"),
				Arguments.of("{\"count\":99999999999}", "count"), Arguments.of("{\"big\":99999999999999999999}", "big"),
				Arguments.of("{\"big\":1e3}", "big"), Arguments.of("{\"ratio\":1e400}", "ratio"),
				Arguments.of("{\"ratio\":\"0.5\"}", "ratio"), Arguments.of("{\"flag\":1}", "flag"),
				Arguments.of("{\"flag\":\"true\"}", "flag"), Arguments.of("{\"text\":12}", "text"),
				Arguments.of("{\"id\":\"not-a-uuid\"}", "id"), Arguments.of("{\"at\":\"yesterday\"}", "at"),
				Arguments.of("{\"text\":\"a\",\"text\":\"b\"}", "text"));
	}

	@Test
	void whatThePolicyAcceptsIsReadExactly() throws Exception {
		String body = "{\"text\":\"caf\u00e9 \\ud83d\\ude00 \u4e2d\",\"count\":7,\"big\":9007199254740993,"
				+ "\"ratio\":0.25,\"flag\":true,\"input\":{\"n\":1.5,\"s\":\"\\ud83d\\ude00\"},\"tags\":[\"a\"]}";
		HttpResponse<String> read = probe().send("POST", InputPolicyProbe.PATH, body);
		assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
		JsonNode echoed = this.json.readTree(read.body());
		assertThat(echoed.path("text").asString()).isEqualTo("caf\u00e9 \ud83d\ude00 \u4e2d");
		assertThat(echoed.path("big").asLong()).isEqualTo(9007199254740993L);
		assertThat(echoed.path("input").path("s").asString()).isEqualTo("\ud83d\ude00");
		HttpResponse<String> deep = probe().send("POST", InputPolicyProbe.PATH,
				"{\"input\":{\"x\":" + "[".repeat(150) + "]".repeat(150) + "}}");
		assertThat(deep.statusCode()).as("nesting beyond the bound").isEqualTo(400);
		assertThat(this.json.readTree(deep.body()).path("errors").get(0).path("message").asString())
			.contains("JSON limit");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refusedQueries")
	void aQueryThePolicyRefusesIs400NamingTheParameter(String query, String parameter) throws Exception {
		HttpResponse<String> refused = probe().get(InputPolicyProbe.PATH + "?" + query);
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.json.readTree(refused.body()).path("errors").get(0).path("field").asString())
			.isEqualTo(parameter);
	}

	static Stream<Arguments> refusedQueries() {
		return Stream.of(Arguments.of("page=2147483647", "page"), Arguments.of("page=99999999999999999999", "page"),
				Arguments.of("page=-1", "page"), Arguments.of("page=1.5", "page"), Arguments.of("size=0", "size"),
				Arguments.of("size=201", "size"), Arguments.of("q=a%00b", "q"), Arguments.of("q=%ff%fe", "q"),
				Arguments.of("q=%e0%80", "q"), Arguments.of("q=%25%00", "q"));
	}

	@Test
	void pagingWithinBoundsAndAnyHeaderTheFirewallRefusesAreAnsweredAsProblems() throws Exception {
		JsonNode page = this.json.readTree(probe().get(InputPolicyProbe.PATH + "?page=3&size=7&q=caf%C3%A9").body());
		assertThat(page.path("page").asInt()).isEqualTo(3);
		assertThat(page.path("size").asInt()).isEqualTo(7);
		assertThat(page.path("q").asString()).isEqualTo("caf\u00e9");
		// an em dash sent as UTF-8 bytes, which the firewall reads as ISO control
		// characters
		String rejected = probe().raw("GET", InputPolicyProbe.PATH,
				java.util.Map.of("Idempotency-Key", "key\u2014dash".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		assertThat(rejected).startsWith("HTTP/1.1 400");
		assertThat(rejected).containsIgnoringCase("Content-Type: application/problem+json");
		assertThat(rejected).contains("\"type\":\"https://hirebuddha.dev/problems/bad-request\"")
			.doesNotContain("dash");
	}

	@Test
	void everyTenantOwnedTableIsUnderForcedRowLevelSecurity() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		List<String> tables = jdbc.queryForList(
				"select c.table_name from information_schema.columns c join information_schema.tables t "
						+ "on t.table_schema = c.table_schema and t.table_name = c.table_name "
						+ "where c.table_schema = ? and c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE'",
				String.class, this.schema);
		List<String> unprotected = tables.stream()
			.filter((table) -> !PLUMBING.contains(table) && !tablesOutsideTenantIsolation().contains(table))
			.filter((table) -> !Boolean.TRUE.equals(jdbc.queryForObject(
					"select relrowsecurity and relforcerowsecurity from pg_class where oid = (? || '.' || ?)::regclass",
					Boolean.class, this.schema, table)))
			.toList();
		assertThat(unprotected).as("tables with tenant_id but without enabled and forced row-level security").isEmpty();
		assertThat(jdbc.queryForObject("select rolbypassrls from pg_roles where rolname = current_user", Boolean.class))
			.as("the service's role cannot bypass row-level security")
			.isFalse();
	}

	/**
	 * A schema migrated while this service still carried its own copy of the outbox and
	 * inbox tables in its {@code V1} (before commit a9a0f22 was followed) starts as if it
	 * had been migrated from the shared script: rebuilt here from this schema's history,
	 * in a probe table, with the service's own pre-split {@code V1}.
	 */
	@Test
	void aHistoryFromBeforeThePlumbingMovedToCommonsIsAdopted() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		String probe = "plumbing_history_probe";
		String columns = "installed_rank, version, description, type, script, checksum, success";
		jdbc.execute("drop table if exists " + probe);
		jdbc.execute("create table " + probe + " (like flyway_schema_history including all)");
		try {
			jdbc.execute("insert into " + probe + " select * from flyway_schema_history");
			List<Map<String, Object>> fresh = jdbc
				.queryForList("select " + columns + " from " + probe + " order by installed_rank");
			int before = PlumbingHistory.PRE_SPLIT_V1.entrySet()
				.stream()
				.filter((entry) -> entry.getValue().equals(this.applicationName))
				.findFirst()
				.orElseThrow()
				.getKey();
			String script = PRE_SPLIT_SCRIPTS.getOrDefault(this.applicationName, "V1__event_plumbing.sql");
			// what the service's own V1 left: one row for V1 holding what V1.x holds now
			jdbc.execute("delete from " + probe + " where version like '1.%'");
			jdbc.update("update " + probe + " set checksum = ?, script = ?, description = ? where version = '1'",
					before, script, script.substring(4, script.length() - 4).replace('_', ' '));
			jdbc.execute("update " + probe + " set installed_rank = -(select count(*) from " + probe
					+ " p where p.installed_rank <= " + probe + ".installed_rank)");
			jdbc.execute("update " + probe + " set installed_rank = -installed_rank");
			Flyway old = Flyway.configure().configuration(this.flyway.getConfiguration()).table(probe).load();
			assertThatThrownBy(old::validate).as("Flyway refuses the old history as it is")
				.isInstanceOf(FlywayValidateException.class);

			assertThat(PlumbingHistory.adopt(old)).isTrue();
			old.validate();
			assertThat(jdbc.queryForList("select " + columns + " from " + probe + " order by installed_rank"))
				.isEqualTo(fresh);
			assertThat(PlumbingHistory.adopt(old)).as("adopted once").isFalse();

			jdbc.update("update " + probe + " set checksum = 12345 where version = '1'");
			assertThat(PlumbingHistory.adopt(old)).as("any other V1 is left for validation to report").isFalse();
			assertThatThrownBy(old::validate).isInstanceOf(FlywayValidateException.class);
		}
		finally {
			jdbc.execute("drop table " + probe);
		}
	}

	/**
	 * Tables that hold a {@code tenant_id} but are read across tenants by design; each
	 * service that has some names them, with the reason, in its contract test.
	 * @return table names
	 */
	protected Set<String> tablesOutsideTenantIsolation() {
		return Set.of();
	}

	/**
	 * A valid platform-admin access token for this service; the issuer of tokens
	 * overrides it with one of its own.
	 * @return the compact JWT
	 */
	protected String accessToken() throws Exception {
		return TestTokens.platformAdmin();
	}

	private ServiceClient probe() throws Exception {
		return new ServiceClient(this.port).withBearer(accessToken());
	}

	private HttpResponse<String> get(String path, String requestId) throws Exception {
		if (this.client == null) {
			this.client = new ServiceClient(this.port).withBearer(accessToken());
		}
		return this.client.get(path, requestId);
	}

}
