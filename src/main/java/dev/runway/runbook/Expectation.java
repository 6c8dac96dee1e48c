package dev.runway.runbook;

import java.util.List;

/**
 * The expected output of a step: lines that must appear in the output in order, other lines
 * may come between. Each line keeps its placeholders ({@code {var}}, {@code ...}, bare
 * {@code N}); the matcher in {@code verify} gives them meaning.
 *
 * @param line source line of the first expected line
 */
public record Expectation(List<String> lines, int line) {}
