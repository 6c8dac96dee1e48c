package dev.runway.engine.step;

/** Receives a step's output, masked, as whole lines (the last one may lack its newline). */
public interface OutputSink {

    void accept(String text);

    OutputSink NONE = text -> { };
}
