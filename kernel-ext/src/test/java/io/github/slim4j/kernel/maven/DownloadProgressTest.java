package io.github.slim4j.kernel.maven;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DownloadProgressTest {

    @Test
    void aDownloadShowsItsFileNameAndHowMuchOfItArrived() {
        assertEquals("downloading guava-33.0.0-jre.jar 1.2 MB/3.0 MB",
                DownloadProgress.detail("com/google/guava/guava/33.0.0-jre/guava-33.0.0-jre.jar", 1_234_000, 3_000_000));
    }

    @Test
    void withoutAContentLengthOnlyTheBytesSoFarAreShown() {
        assertEquals("downloading demo-1.0.pom 0.5 kB", DownloadProgress.detail("demo/demo/1.0/demo-1.0.pom", 512, -1));
    }
}
