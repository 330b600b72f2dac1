package io.github.slim4j.kernel.maven;

import io.github.slim4j.magics.render.ProgressBar;
import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferCancelledException;
import org.eclipse.aether.transfer.TransferEvent;
import org.eclipse.aether.transfer.TransferResource;

import java.util.function.Supplier;

import static io.github.slim4j.core.memory.MemoryRoom.size;

/**
 * Shows Resolver's downloads in one progress bar, updated in place: the file being fetched and how
 * much of it has arrived. The bar appears with the first download, so a resolution served entirely
 * from the local repository shows none. An interrupted cell cancels the transfer, which is how
 * Resolver expects to be stopped.
 */
public final class DownloadProgress extends AbstractTransferListener {

    private final Supplier<ProgressBar> newBar;
    private ProgressBar bar;
    private int files;
    private long bytes;

    /** @param newBar starts the bar; called at most once, on the first download */
    public DownloadProgress(Supplier<ProgressBar> newBar) {
        this.newBar = newBar;
    }

    @Override
    public synchronized void transferStarted(TransferEvent event) throws TransferCancelledException {
        checkInterrupted();
        if (bar == null) {
            bar = newBar.get();
        }
        show(event);
    }

    @Override
    public synchronized void transferProgressed(TransferEvent event) throws TransferCancelledException {
        checkInterrupted();
        show(event);
    }

    @Override
    public synchronized void transferSucceeded(TransferEvent event) {
        files++;
        bytes += event.getTransferredBytes();
    }

    /** Ends the bar, if any download happened, with what was fetched. */
    public synchronized void finish(boolean complete) {
        if (bar != null) {
            String figure = files + (files == 1 ? " file, " : " files, ") + size(bytes) + " downloaded";
            bar.end(complete, files, files, figure);
        }
    }

    private void show(TransferEvent event) {
        TransferResource resource = event.getResource();
        bar.progress(event.getTransferredBytes(), resource.getContentLength(), detail(resource.getResourceName(), event.getTransferredBytes(), resource.getContentLength()));
    }

    /** "downloading guava-33.0.0-jre.jar 1.2 MB/3.0 MB", or just the bytes so far when the server did not say how many. */
    static String detail(String resourceName, long done, long total) {
        String name = resourceName.substring(resourceName.lastIndexOf('/') + 1);
        return "downloading " + name + " " + size(done) + (total > 0 ? "/" + size(total) : "");
    }

    private static void checkInterrupted() throws TransferCancelledException {
        if (Thread.currentThread().isInterrupted()) {
            throw new TransferCancelledException("interrupted");
        }
    }
}
