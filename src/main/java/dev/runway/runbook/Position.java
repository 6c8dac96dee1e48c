package dev.runway.runbook;

/** Where something was written: 1-based line and column. */
record Position(int line, int column) {}
