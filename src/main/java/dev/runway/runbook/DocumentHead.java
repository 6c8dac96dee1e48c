package dev.runway.runbook;

import java.util.Map;

/**
 * What a document says before its sections, with the positions lint points at: the title (null
 * when there is none; line 0 then) and where each top-level front matter key is written.
 */
record DocumentHead(String title, int titleLine, Map<String, Position> frontKeys) {}
