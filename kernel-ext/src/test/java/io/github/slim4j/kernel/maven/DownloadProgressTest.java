package io.github.slim4j.kernel.maven;

import io.github.slim4j.magics.render.ChartFormat;
import io.github.slim4j.magics.render.MagicOutput;
import io.github.slim4j.magics.render.ProgressBar;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.transfer.TransferCancelledException;
import org.eclipse.aether.transfer.TransferEvent;
import org.eclipse.aether.transfer.TransferResource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DownloadProgressTest {

    private final PlainTextNotebook notebook = new PlainTextNotebook();
    private final DownloadProgress progress = new DownloadProgress(this::newBar);
    private int bars;

    private ProgressBar newBar() {
        bars++;
        return new MagicOutput(notebook, ChartFormat.NONE).progress("%maven");
    }

    private static TransferEvent event(TransferEvent.EventType type, long transferred) {
        TransferResource resource = new TransferResource("central", "https://repo.example.com/", "demo/lib/1.0/lib-1.0.jar",
                Path.of("lib-1.0.jar"), null, null).setContentLength(2_000);
        return new TransferEvent.Builder(new DefaultRepositorySystemSession(ended -> false), resource)
                .resetType(type).setTransferredBytes(transferred).build();
    }

    @Test
    void aDownloadShowsItsFileNameAndHowMuchOfItArrived() {
        assertEquals("downloading guava-33.0.0-jre.jar 1.2 MB/3.0 MB",
                DownloadProgress.detail("com/google/guava/guava/33.0.0-jre/guava-33.0.0-jre.jar", 1_234_000, 3_000_000));
    }

    @Test
    void withoutAContentLengthOnlyTheBytesSoFarAreShown() {
        assertEquals("downloading demo-1.0.pom 0.5 kB", DownloadProgress.detail("demo/demo/1.0/demo-1.0.pom", 512, -1));
    }

    @Test
    void nothingDownloadedShowsNoBar() {
        progress.finish(true);
        assertEquals(List.of(), notebook.shown());
    }

    @Test
    void oneBarForAllDownloadsEndsWithTheirCountAndSize() throws TransferCancelledException {
        progress.transferStarted(event(TransferEvent.EventType.STARTED, 0));
        progress.transferSucceeded(event(TransferEvent.EventType.SUCCEEDED, 2_000));
        progress.transferStarted(event(TransferEvent.EventType.STARTED, 0));
        progress.transferSucceeded(event(TransferEvent.EventType.SUCCEEDED, 2_000));
        progress.finish(true);
        assertEquals(1, bars);
        assertEquals("[" + "#".repeat(30) + "] 100% %maven: 2 files, 4.0 kB downloaded", notebook.shown().get(notebook.shown().size() - 1));
    }

    @Test
    void anInterruptedThreadCancelsTheTransfer() {
        Thread.currentThread().interrupt();
        try {
            assertThrows(TransferCancelledException.class, () -> progress.transferStarted(event(TransferEvent.EventType.STARTED, 0)));
        } finally {
            Thread.interrupted();
        }
    }
}
