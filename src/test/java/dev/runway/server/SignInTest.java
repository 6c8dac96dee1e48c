package dev.runway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.access.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Browser sign-in: passwords, sessions, sign-out, and the throttle on guessing. */
class SignInTest {

    private static final String PASSWORD = "correct horse battery";

    @TempDir Path dir;
    final TestClock clock = new TestClock(Instant.parse("2026-11-22T09:00:00Z"));
    ApiFixture api;

    @BeforeEach
    void setUp() {
        api = new ApiFixture(dir, clock).withUser("alice", PASSWORD, Role.RELEASE_MANAGER);
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    @Test
    void the_right_password_opens_a_session_in_a_strict_http_only_cookie() {
        ApiFixture.Response r = api.signInForm("alice", PASSWORD);

        assertThat(r.status()).isEqualTo(303);
        assertThat(r.header("Location")).isEqualTo("/");
        assertThat(r.header("Set-Cookie")).matches(ApiFixture.SESSION_COOKIE);
        ApiFixture.Session session = api.signIn("alice", PASSWORD);
        assertThat(api.send("GET", "/api/runs", session, null, null).status()).isEqualTo(200);
    }

    @Test
    void a_wrong_password_and_an_unknown_user_get_the_same_answer_and_are_journaled_without_the_password() {
        long before = api.denials();

        ApiFixture.Response wrong = api.signInForm("alice", "hunter2-guess");
        ApiFixture.Response unknown = api.signInForm("alicia", "hunter2-guess");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("Wrong user name or password.").doesNotContain("hunter2");
        assertThat(unknown.body().replace("alicia", "alice")).isEqualTo(wrong.body());
        assertThat(wrong.header("Set-Cookie")).isNull();
        assertThat(api.denials()).isEqualTo(before + 2);
        assertThat(api.deniedActions().getLast())
                .contains("sign in as \\\"alicia\\\" from 127.0.0.1").contains("wrong user name or password").doesNotContain("hunter2");
    }

    @Test
    void five_failures_lock_the_name_out_for_a_minute_then_two_refusing_even_the_right_password() {
        for (int i = 0; i < 5; i++) assertThat(api.signInForm("alice", "guess-" + i).status()).isEqualTo(401);

        ApiFixture.Response locked = api.signInForm("alice", PASSWORD);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.header("Retry-After")).isEqualTo("60");
        assertThat(locked.body()).contains("Too many failed sign-ins. Try again in 60 seconds.");
        assertThat(api.deniedActions().getLast()).contains("too many failed sign-ins; try again in 60 s");

        clock.advance(Duration.ofSeconds(45));
        assertThat(api.signInForm("alice", PASSWORD).header("Retry-After")).isEqualTo("15");

        clock.advance(Duration.ofSeconds(15));
        ApiFixture.Response again = api.signInForm("alice", "guess-5");
        assertThat(again.status()).as("a failure after the lockout, still within 15 minutes of four others").isEqualTo(401);
        ApiFixture.Response longer = api.signInForm("alice", PASSWORD);
        assertThat(longer.status()).isEqualTo(429);
        assertThat(longer.header("Retry-After")).isEqualTo("120");
    }

    @Test
    void the_lockout_ends_and_the_right_password_then_signs_in() {
        for (int i = 0; i < 5; i++) api.signInForm("alice", "guess-" + i);

        clock.advance(Duration.ofSeconds(60));

        assertThat(api.signInForm("alice", PASSWORD).status()).isEqualTo(303);
    }

    @Test
    void failures_from_one_address_lock_out_every_name_from_it() {
        for (int i = 0; i < 5; i++) assertThat(api.signInForm("nobody-" + i, "guess").status()).isEqualTo(401);

        ApiFixture.Response r = api.signInForm("alice", PASSWORD);

        assertThat(r.status()).isEqualTo(429);
        assertThat(r.header("Retry-After")).isEqualTo("60");
    }

    @Test
    void failures_older_than_fifteen_minutes_are_forgotten() {
        for (int i = 0; i < 4; i++) api.signInForm("alice", "guess-" + i);
        clock.advance(Duration.ofMinutes(15));

        assertThat(api.signInForm("alice", "guess-4").status()).isEqualTo(401);
        assertThat(api.signInForm("alice", PASSWORD).status()).isEqualTo(303);
    }

    @Test
    void a_session_idle_for_eight_hours_has_expired_and_the_refusal_is_journaled() {
        ApiFixture.Session session = api.signIn("alice", PASSWORD);
        clock.advance(SignIn.IDLE.minusSeconds(1));
        assertThat(api.send("GET", "/api/runs", session, null, null).status()).as("used just in time").isEqualTo(200);

        clock.advance(SignIn.IDLE);
        long before = api.denials();
        ApiFixture.Response r = api.send("GET", "/api/runs", session, null, null);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo("unauthenticated");
        assertThat(r.json().at("/error/message").asText()).isEqualTo("the session has expired or was ended; sign in again");
        assertThat(api.denials()).isEqualTo(before + 1);
    }

    @Test
    void signing_out_ends_the_session_and_clears_the_cookie() {
        ApiFixture.Session session = api.signIn("alice", PASSWORD);

        ApiFixture.Response out = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.url("/ui/sign-out")))
                .header("Cookie", SignIn.COOKIE + "=" + session.id())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(ApiFixture.form("_csrf", session.csrf()))));

        assertThat(out.status()).isEqualTo(303);
        assertThat(out.header("Location")).isEqualTo("/ui/sign-in");
        assertThat(out.header("Set-Cookie")).isEqualTo("runway_session=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict");
        assertThat(api.send("GET", "/api/runs", session, null, null).status()).isEqualTo(401);
    }

    @Test
    void signing_out_without_the_csrf_token_is_refused_and_the_session_lives_on() {
        ApiFixture.Session session = api.signIn("alice", PASSWORD);

        ApiFixture.Response r = api.send("POST", "/ui/sign-out", session, null, "");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo("csrf_missing");
        assertThat(api.send("GET", "/api/runs", session, null, null).status()).isEqualTo(200);
    }

    @Test
    void removing_a_user_ends_their_sessions() {
        ApiFixture.Session session = api.signIn("alice", PASSWORD);

        api.users.remove("alice");

        assertThat(api.send("GET", "/api/runs", session, null, null).status()).isEqualTo(401);
    }

    @Test
    void after_sign_in_only_a_path_on_this_server_is_followed() {
        String[] nexts = {"/ui/runs/r1?x=1", "//evil.example/", "https://evil.example/", "/\\evil.example"};
        String[] expected = {"/ui/runs/r1?x=1", "/", "/", "/"};
        for (int i = 0; i < nexts.length; i++) {
            ApiFixture.Response r = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.url("/ui/sign-in")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(ApiFixture.form("name", "alice", "password", PASSWORD, "next", nexts[i]))));
            assertThat(r.header("Location")).as(nexts[i]).isEqualTo(expected[i]);
        }
    }

    @Test
    void the_sign_in_page_escapes_what_it_echoes() {
        ApiFixture.Response r = api.signInForm("<script>alert(1)</script>", "guess");

        assertThat(r.body()).contains("value=\"&lt;script>alert(1)&lt;/script>\"").doesNotContain("<script>alert(1)");
    }

    @Test
    void a_bearer_token_needs_no_csrf_token() {
        String token = api.token("ci", Role.RELEASE_MANAGER);
        assertThat(api.post("/ui/sign-out", token, "").status()).isEqualTo(303);
    }
}
