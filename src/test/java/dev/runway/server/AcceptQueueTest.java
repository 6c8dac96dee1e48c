package dev.runway.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A burst of agents connecting at once waits in the kernel's queue instead of being reset. */
class AcceptQueueTest {

    @TempDir Path dir;
    ApiFixture api;

    @BeforeEach
    void setUp() {
        api = new ApiFixture(dir);
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    @Test
    void the_listening_socket_queues_a_thousand_connections_not_the_jdks_fifty() throws Exception {
        assertThat(api.server.acceptQueue()).isEqualTo(RunwayServer.ACCEPT_QUEUE).isEqualTo(1024);
        // Read back from the kernel: for a listening socket, ss reports the backlog as Send-Q.
        Process ss = new ProcessBuilder("ss", "-ltnH", "sport = :" + api.server.port()).redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes());
        assertThat(ss.waitFor()).isZero();
        List<String> fields = List.of(out.strip().split("\\s+"));
        assertThat(fields).as(out).hasSizeGreaterThan(3);
        // Not Files.readString: it trusts the size procfs reports and returned "4" of "4096".
        int kernelCap;
        try (var in = Files.newInputStream(Path.of("/proc/sys/net/core/somaxconn"))) {
            kernelCap = Integer.parseInt(new String(in.readAllBytes()).strip());
        }
        assertThat(Integer.parseInt(fields.get(2))).as("Send-Q of the listening socket").isEqualTo(Math.min(1024, kernelCap));
    }
}
