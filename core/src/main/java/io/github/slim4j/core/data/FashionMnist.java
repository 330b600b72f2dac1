package io.github.slim4j.core.data;

import io.github.slim4j.core.Slim4jException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * The Fashion-MNIST data set (Zalando's 28×28 grey-scale clothing images in 10 classes) read from
 * its gzipped IDX files, as a DL4J {@link DataSetIterator}.
 *
 * <pre>{@code
 * DataSetIterator train = FashionMnist.train().subset(5000).batchSize(128).iterator();
 * }</pre>
 *
 * <p>Instances are immutable: every setter returns a new instance. The files are found in the
 * {@link #directory(Path) explicit directory}, else in the directory named by the environment
 * variable {@value #DIRECTORY_ENV}, else in {@link #DEFAULT_DIRECTORY}, where Debian's
 * {@code dataset-fashion-mnist} package installs them.
 *
 * <p>Examples come in a random order drawn from the {@link #seed(long) seed}, and a
 * {@link #subset(int) subset} is the first examples of that order: a uniform sample without
 * replacement, so each class keeps roughly its share (Fashion-MNIST is balanced, 10% per class).
 * The same seed always gives the same examples in the same order. {@link #skip(int) skip} starts
 * further along that order, so subsets with the same seed can be kept apart:
 * {@code test().seed(7).subset(2000)} and {@code test().seed(7).skip(2000).subset(2000)} share no
 * example (a validation set and a test set, say).
 *
 * <p>{@link #iterator()} decompresses each file once, stopping after the last example it keeps,
 * and holds the kept pixels as bytes; the instance remembers them, so further iterators share them.
 */
public final class FashionMnist {
    public static final Path DEFAULT_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");
    public static final String DIRECTORY_ENV = "SLIM4J_FASHION_MNIST";

    private static final String APT_PACKAGE = "dataset-fashion-mnist";
    private static final List<String> CLASS_NAMES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    private static final int ALL = 0;

    private final String split;
    private final int skip;
    private final int subset;
    private final long seed;
    private final int batchSize;
    private final ImageLayout layout;
    private final Path directory;
    private Examples loaded;

    /** How an example's pixels are shaped in a batch; the values and their order are the same in each. */
    private enum ImageLayout {
        FLAT, NCHW, NHWC;

        long[] exampleShape(int rows, int columns) {
            return switch (this) {
                case FLAT -> new long[] {(long) rows * columns};
                case NCHW -> new long[] {1, rows, columns};
                case NHWC -> new long[] {rows, columns, 1};
            };
        }
    }

    /** The examples an iterator serves: pixels row after row, one label each. */
    private record Examples(byte[] pixels, byte[] labels, int rows, int columns) {
        int size() {
            return rows * columns;
        }
    }

    private FashionMnist(String split, int skip, int subset, long seed, int batchSize, ImageLayout layout, Path directory) {
        this.split = split;
        this.skip = skip;
        this.subset = subset;
        this.seed = seed;
        this.batchSize = batchSize;
        this.layout = layout;
        this.directory = directory;
    }

    /** The 60,000 training examples ({@code train-images-idx3-ubyte.gz}, {@code train-labels-idx1-ubyte.gz}). */
    public static FashionMnist train() {
        return new FashionMnist("train", 0, ALL, 42, 64, ImageLayout.FLAT, null);
    }

    /** The 10,000 test examples ({@code t10k-images-idx3-ubyte.gz}, {@code t10k-labels-idx1-ubyte.gz}). */
    public static FashionMnist test() {
        return new FashionMnist("t10k", 0, ALL, 42, 64, ImageLayout.FLAT, null);
    }

    /** The class names, indexed like the label columns. */
    public static List<String> classNames() {
        return CLASS_NAMES;
    }

    /**
     * Only {@code examples} examples, sampled without replacement (see the class comment). The
     * default is all of them. That the files hold enough is checked when they are read.
     */
    public FashionMnist subset(int examples) {
        if (examples < 1) {
            throw new Slim4jException("subset must be at least 1 example, got " + examples);
        }
        return new FashionMnist(split, skip, examples, seed, batchSize, layout, directory);
    }

    /**
     * Leave out the first {@code examples} examples of the seeded order, so that a subset taken
     * after them shares nothing with one taken before (see the class comment). Default 0.
     */
    public FashionMnist skip(int examples) {
        if (examples < 0) {
            throw new Slim4jException("skip must be 0 or more examples, got " + examples);
        }
        return new FashionMnist(split, examples, subset, seed, batchSize, layout, directory);
    }

    /** The seed of the example order and of the subset; default 42. */
    public FashionMnist seed(long seed) {
        return new FashionMnist(split, skip, subset, seed, batchSize, layout, directory);
    }

    /** Examples per batch; default 64. The last batch of a pass may be smaller. */
    public FashionMnist batchSize(int batch) {
        if (batch < 1) {
            throw new Slim4jException("batchSize must be at least 1, got " + batch);
        }
        return new FashionMnist(split, skip, subset, seed, batch, layout, directory);
    }

    /**
     * Features as images {@code [batch, 1, 28, 28]} (NCHW, what PyTorch models take) instead of
     * vectors {@code [batch, 784]}; the values and their order are the same.
     */
    public FashionMnist images() {
        return new FashionMnist(split, skip, subset, seed, batchSize, ImageLayout.NCHW, directory);
    }

    /** Features as channels-last images {@code [batch, 28, 28, 1]} (NHWC, what Keras models take). */
    public FashionMnist imagesChannelsLast() {
        return new FashionMnist(split, skip, subset, seed, batchSize, ImageLayout.NHWC, directory);
    }

    /** Features as vectors {@code [batch, 784]}, the default. */
    public FashionMnist vectors() {
        return new FashionMnist(split, skip, subset, seed, batchSize, ImageLayout.FLAT, directory);
    }

    /** Reads the files from {@code dir} instead of {@value #DIRECTORY_ENV} or the default directory. */
    public FashionMnist directory(Path dir) {
        return new FashionMnist(split, skip, subset, seed, batchSize, layout, dir);
    }

    /** Examples one pass of {@link #iterator()} gives; reads only the file headers. */
    public int size() {
        try (IdxFile labels = IdxFile.open(file("labels-idx1-ubyte.gz"), IdxFile.LABELS)) {
            return wanted(labels.count(), labels.path());
        }
    }

    /**
     * A resettable iterator of batches: features {@code [batch, 784]} float32 scaled to {@code [0, 1]}
     * (or images, see {@link #images()}),
     * labels one-hot {@code [batch, 10]}, {@code getLabels()} the class names. It is an
     * {@link InMemoryDataSetIterator}, so it also tells its {@code totalExamples()}.
     */
    public DataSetIterator iterator() {
        Examples examples = examples();
        return new InMemoryDataSetIterator(examples.pixels(), examples.labels(), examples.size(),
                layout.exampleShape(examples.rows(), examples.columns()), CLASS_NAMES, batchSize);
    }

    private synchronized Examples examples() {
        if (loaded == null) {
            loaded = read();
        }
        return loaded;
    }

    private Examples read() {
        Path imageFile = file("images-idx3-ubyte.gz");
        Path labelFile = file("labels-idx1-ubyte.gz");
        try (IdxFile images = IdxFile.open(imageFile, IdxFile.IMAGES);
                IdxFile labels = IdxFile.open(labelFile, IdxFile.LABELS)) {
            if (images.count() != labels.count()) {
                throw new Slim4jException(imageFile + " holds " + images.count() + " images but " + labelFile
                        + " holds " + labels.count() + " labels; expected the same number");
            }
            int kept = wanted(labels.count(), labelFile);
            int[] slots = slots(labels.count(), skip, kept);
            byte[] labelBytes = new byte[kept];
            labels.readInto(slots, labelBytes);
            checkLabels(labelBytes, labelFile);
            byte[] pixels = new byte[Math.multiplyExact(kept, images.itemSize())];
            images.readInto(slots, pixels);
            return new Examples(pixels, labelBytes, images.rows(), images.itemSize() / images.rows());
        }
    }

    private int wanted(int available, Path file) {
        int left = available - skip;
        if (left < 1) {
            throw new Slim4jException("skip must leave examples: " + file + " holds " + available + ", skip is " + skip);
        }
        if (subset > left) {
            throw new Slim4jException("subset must be at most " + left + " (the examples in " + file
                    + (skip == 0 ? "" : " after skipping " + skip) + "), got " + subset);
        }
        return subset == ALL ? left : subset;
    }

    /**
     * Where each file example goes in the output, or -1 to leave it out: a partial Fisher-Yates
     * shuffle that draws only the first {@code skipped + wanted} positions of a seeded random
     * permutation and keeps the last {@code wanted} of them.
     */
    private int[] slots(int available, int skipped, int wanted) {
        int[] order = new int[available];
        Arrays.setAll(order, i -> i);
        Random random = new Random(seed);
        int drawn = skipped + wanted;
        for (int i = 0; i < drawn; i++) {
            int j = i + random.nextInt(available - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] slots = new int[available];
        Arrays.fill(slots, -1);
        for (int i = skipped; i < drawn; i++) {
            slots[order[i]] = i - skipped;
        }
        return slots;
    }

    private static void checkLabels(byte[] labels, Path file) {
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i] & 0xff;
            if (label >= CLASS_NAMES.size()) {
                throw new Slim4jException(file + " holds label " + label + "; expected 0 to " + (CLASS_NAMES.size() - 1));
            }
        }
    }

    private Path file(String suffix) {
        Path dir = directory != null ? directory : fromEnvironment();
        Path file = dir.resolve(split + "-" + suffix);
        if (!Files.isRegularFile(file)) {
            throw new Slim4jException("Fashion-MNIST file " + file.toAbsolutePath() + " not found; install it with `sudo apt-get install "
                    + APT_PACKAGE + "` or set " + DIRECTORY_ENV + " to the directory that holds it");
        }
        return file;
    }

    private static Path fromEnvironment() {
        String fromEnv = System.getenv(DIRECTORY_ENV);
        return fromEnv == null || fromEnv.isBlank() ? DEFAULT_DIRECTORY : Path.of(fromEnv);
    }

    @Override
    public String toString() {
        return "FashionMnist[" + split + (layout == ImageLayout.FLAT ? "" : ", " + layout.name()) + (skip == 0 ? "" : ", skip " + skip)
                + (subset == ALL ? "" : ", subset " + subset) + ", seed " + seed
                + ", batch " + batchSize + "]";
    }
}
