package io.github.slim4j.core.quant;

/**
 * Where the slices (the values that share a scale) lie in a C-ordered tensor: in runs of
 * {@code runLength} consecutive values, run {@code r} belonging to slice
 * {@code ((r / channelDiv) % channels) × groups + (r / groupDiv) % groups}. Slices are numbered
 * channel-major, as {@link QParams} orders its scales. Per channel along axis a the runs are the
 * blocks of the axes after a; per group, a group's block (or a channel's, when the channel axis
 * comes after the group axis).
 */
record SliceRuns(long runLength, int channels, long channelDiv, int groups, long groupDiv) {

    SliceRuns {
        // An empty tensor has no runs; a length of 1 keeps the divisions below defined.
        runLength = Math.max(runLength, 1);
    }

    int slices() {
        return channels * groups;
    }

    int slice(long run) {
        return (int) ((run / channelDiv) % channels) * groups + (int) ((run / groupDiv) % groups);
    }

    Cursor cursor() {
        return new Cursor(this);
    }

    /**
     * Walks a chunk of values, starting at a C-order position, as segments {@code [from, to)} that
     * each lie in one slice, so that a kernel loops over each segment with that slice's parameters.
     */
    static final class Cursor {
        private final SliceRuns runs;
        private long position;
        private int length;
        int from;
        int to;
        int slice;

        private Cursor(SliceRuns runs) {
            this.runs = runs;
        }

        void start(long position, int length) {
            this.position = position;
            this.length = length;
            this.to = 0;
        }

        boolean next() {
            if (to >= length) {
                return false;
            }
            from = to;
            long run = (position + from) / runs.runLength;
            to = (int) Math.min(length, (run + 1) * runs.runLength - position);
            slice = runs.slice(run);
            return true;
        }
    }
}
