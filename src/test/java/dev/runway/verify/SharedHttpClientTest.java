package dev.runway.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Concurrent users share one client; after the last one no client (and no selector thread) is left open. */
class SharedHttpClientTest {

    @Test
    void users_at_the_same_time_share_one_client_and_the_last_one_shuts_it_down() throws InterruptedException {
        AtomicInteger opened = new AtomicInteger();
        SharedHttpClient shared = new SharedHttpClient(() -> {
            opened.incrementAndGet();
            return HttpClient.newHttpClient();
        });

        HttpClient first = shared.acquire();
        HttpClient second = shared.acquire();
        assertThat(second).isSameAs(first);
        shared.release();
        assertThat(first.isTerminated()).isFalse();
        shared.release();
        assertThat(first.awaitTermination(java.time.Duration.ofSeconds(5))).isTrue();
        assertThat(shared.users()).isZero();

        HttpClient later = shared.acquire();
        assertThat(later).isNotSameAs(first);
        assertThat(opened).hasValue(2);
        shared.release();
    }

    @Test
    void releasing_more_often_than_acquiring_is_a_bug_and_says_so() {
        SharedHttpClient shared = new SharedHttpClient(HttpClient::newHttpClient);
        assertThatThrownBy(shared::release).isInstanceOf(IllegalStateException.class)
                .hasMessage("released more often than acquired");
    }
}
