package io.github.slim4j.kernel.output;

import io.github.slim4j.kernel.exec.OutputSink;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConsoleRouterTest {

    /** Records stream text and the order of everything. */
    private static final class Recorder implements OutputSink {
        final List<String> events = new ArrayList<>();

        @Override
        public synchronized void stream(Stream stream, String text) {
            events.add(stream + ":" + text);
        }

        @Override
        public void display(DisplayData data) {
            events.add("display");
        }

        @Override
        public void updateDisplay(DisplayData data) {
            events.add("update");
        }

        @Override
        public void clearOutput(boolean wait) {
            events.add("clear");
        }

        @Override
        public void executeResult(int executionCount, DisplayData data) {
            events.add("result");
        }

        @Override
        public void error(String ename, String evalue, List<String> traceback) {
            events.add("error");
        }
    }

    @Test
    void textIsPassedOnWhenAPrintEndsALineAndWhenTheRouteCloses() {
        ConsoleRouter router = ConsoleRouter.install();
        Recorder recorder = new Recorder();
        try (ConsoleRouter.Route route = router.routeTo(recorder)) {
            System.out.print("partial");
            assertEquals(List.of(), recorder.events);
            System.out.print(" line\rprogress");
            assertEquals(List.of("STDOUT:partial line\rprogress"), recorder.events);
            System.out.print(" 50%");
            System.err.println("warning");
        }
        assertEquals(List.of("STDOUT:partial line\rprogress", "STDERR:warning\n", "STDOUT: 50%"), recorder.events);
    }

    @Test
    void richOutputWaitsForTheTextPrintedBeforeIt() {
        ConsoleRouter router = ConsoleRouter.install();
        Recorder recorder = new Recorder();
        OutputSink ordered = new ConsoleFirstSink(recorder, router);
        try (ConsoleRouter.Route route = router.routeTo(ordered)) {
            System.out.print("before");
            ordered.display(new DisplayData("x"));
        }
        assertEquals(List.of("STDOUT:before", "display"), recorder.events);
    }

    @Test
    void afterTheRouteClosesTextGoesElsewhere() {
        ConsoleRouter router = ConsoleRouter.install();
        Recorder recorder = new Recorder();
        router.routeTo(recorder).close();
        System.out.println("not for the recorder");
        assertEquals(List.of(), recorder.events);
    }
}
