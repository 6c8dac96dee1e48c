package dev.runway.runbook;

/** A piece of prose in a group of a Markdown runbook, kept for the timed-pause lint. */
record Prose(Object group, String text, int line, int column) {}
