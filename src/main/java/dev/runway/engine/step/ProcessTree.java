package dev.runway.engine.step;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops a step's whole process tree. Killing only the shell would leave its children (a
 * deploy script, a {@code sleep}, a hung {@code curl}) running after the timeout, still
 * holding the output pipe and still changing things.
 */
final class ProcessTree {

    private ProcessTree() {}

    /** Asks every process in the tree to stop, then kills what is left after {@code grace}. Returns how many there were. */
    static int kill(Process root, Duration grace) throws InterruptedException {
        List<ProcessHandle> tree = snapshot(root.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && tree.stream().anyMatch(ProcessHandle::isAlive)) {
            Thread.sleep(20);
        }
        // Children may have forked while we waited; take the tree again before the hard kill.
        List<ProcessHandle> rest = new ArrayList<>(snapshot(root.toHandle()));
        tree.stream().filter(ProcessHandle::isAlive).filter(h -> !rest.contains(h)).forEach(rest::add);
        rest.forEach(ProcessHandle::destroyForcibly);
        return Math.max(tree.size(), rest.size());
    }

    private static List<ProcessHandle> snapshot(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        all.add(root);
        return all;
    }
}
