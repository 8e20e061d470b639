package org.ebm4j.plugins.toydata;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ebm4j.api.ConfigException;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.data.DataSource;
import org.ebm4j.api.data.DataSourceProvider;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.random.RandomSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pf4j.Extension;

/**
 * {@code data.type = idx}: images in the IDX format of MNIST and Fashion-MNIST, as rows of {@code h·w} pixels (row-major,
 * one channel): a seeded subset, a label filter, optional {@code k × k} average downsampling, pixels {@code p} scaled to
 * [0, 1] as {@code (p + u) / 256} with {@code u ~ U(0, 1)} (uniform dequantisation: the data then has a density) or
 * {@code p / 255}, optionally mapped to [−1, 1]. {@code set = fashion-mnist} reads Debian's {@code dataset-fashion-mnist}
 * package; {@code path} reads any IDX image file.
 */
@Extension
public class IdxDataProvider implements DataSourceProvider {

    /** Where Debian's {@code dataset-fashion-mnist} puts its files. */
    static final String DEBIAN_FASHION_MNIST = "/usr/share/datasets/fashion-mnist";

    @Override
    public String name() {
        return "idx";
    }

    @Override
    public String description() {
        return "IDX image files (MNIST, Fashion-MNIST): subset, label filter, downsampling, dequantised pixels";
    }

    /** The files to read, resolved from {@code set} or the paths. */
    record Files4(Path train, Path trainLabels, Path test, Path testLabels) {}

    @Override
    public DataSource create(Config s, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        String set = r.oneOf(s, "set", List.of("", "fashion-mnist"));
        String folder = r.string(s, "folder");
        String path = r.string(s, "path");
        String labelsPath = r.string(s, "labels-path");
        String testPath = r.string(s, "test-path");
        String testLabelsPath = r.string(s, "test-labels-path");
        double fraction = r.nonNegativeDouble(s, "test-fraction");
        int trainSize = r.read(s, "train-size", () -> s.getInt("train-size"), 0);
        int testSize = r.read(s, "test-size", () -> s.getInt("test-size"), 0);
        List<Integer> labels = r.read(s, "labels", () -> s.getIntList("labels"), List.of());
        String scale = r.oneOf(s, "scale", List.of("unit", "symmetric"));
        boolean dequantise = r.bool(s, "dequantise");
        int downsample = r.read(s, "downsample", () -> s.getInt("downsample"), 1);
        if (set.isEmpty() == path.isBlank()) {
            r.add(s, "path", set.isEmpty() ? "is required (an IDX image file), or name a set: set = fashion-mnist"
                    : "and set = " + set + " both name the images; give one");
        }
        if (trainSize < 0 || testSize < 0) {
            r.add(s, "train-size", "and test-size must be 0 (all) or a number of images, got " + trainSize + " and " + testSize);
        }
        if (downsample < 1 || downsample > 8) {
            r.add(s, "downsample", "must be 1 (none) or the side k of the k × k blocks averaged (e.g. 2: 28×28 → 14×14), got " + downsample);
        }
        if (!labels.isEmpty() && set.isEmpty() && labelsPath.isBlank()) {
            r.add(s, "labels", "filters by class, which needs labels-path (the IDX label file of path)");
        }
        boolean testFile = !set.isEmpty() || !testPath.isBlank();
        Tables.checkFraction(r, s, fraction, testFile);
        r.throwIfAny();
        Files4 files = set.isEmpty()
                ? new Files4(Path.of(path), optional(labelsPath), optional(testPath), optional(testLabelsPath))
                : new Files4(Path.of(folder, "train-images-idx3-ubyte.gz"), Path.of(folder, "train-labels-idx1-ubyte.gz"),
                        Path.of(folder, "t10k-images-idx3-ubyte.gz"), Path.of(folder, "t10k-labels-idx1-ubyte.gz"));
        String name = set.isEmpty() ? Path.of(path).getFileName().toString() : set;
        return random -> {
            Images train = Images.read(s, set.isEmpty() ? "path" : "set", files.train(), files.trainLabels(), labels);
            Images test = files.test() == null ? null
                    : Images.read(s, set.isEmpty() ? "test-path" : "set", files.test(), files.testLabels(), labels);
            RandomSource pick = random.split("subset");
            RandomSource noise = random.split("dequantise");
            if (test == null) {
                int[] p = pick.permutation(train.count());
                int cut = (int) Math.round(train.count() * (1 - fraction));
                int[] trainRows = Arrays.copyOfRange(p, 0, limit(cut, trainSize));
                int[] testRows = Arrays.copyOfRange(p, cut, cut + limit(train.count() - cut, testSize));
                return new Dataset(name, train.pixels(trainRows, downsample, scale, dequantise, noise),
                        train.pixels(testRows, downsample, scale, dequantise, noise)).withRowShape(train.rowShape(downsample));
            }
            int[] trainRows = Arrays.copyOf(pick.permutation(train.count()), limit(train.count(), trainSize));
            int[] testRows = Arrays.copyOf(pick.permutation(test.count()), limit(test.count(), testSize));
            if (!test.rowShape(downsample).equals(train.rowShape(downsample))) {
                throw new ConfigException(set.isEmpty() ? "test-path" : "set", SettingsReader.originOf(s, set.isEmpty() ? "test-path" : "set"),
                        "holds test images of shape " + test.rowShape(downsample) + " but training images of shape " + train.rowShape(downsample));
            }
            return new Dataset(name, train.pixels(trainRows, downsample, scale, dequantise, noise),
                    test.pixels(testRows, downsample, scale, dequantise, noise)).withRowShape(train.rowShape(downsample));
        };
    }

    private static Path optional(String p) {
        return p.isBlank() ? null : Path.of(p);
    }

    private static int limit(int available, int wanted) {
        return wanted == 0 ? available : Math.min(available, wanted);
    }

    /** The images of one file that pass the label filter. */
    record Images(IdxFile file, int[] kept) {

        int count() {
            return kept.length;
        }

        static Images read(Config s, String key, Path images, Path labelFile, List<Integer> labels) {
            IdxFile x = load(s, key, images);
            if (x.shape().length != 3) {
                throw new ConfigException(key, SettingsReader.originOf(s, key), images + " holds shape " + Arrays.toString(x.shape())
                        + "; an IDX image file is [images, height, width]");
            }
            if (labels.isEmpty()) {
                int[] all = new int[x.items()];
                Arrays.setAll(all, i -> i);
                return new Images(x, all);
            }
            IdxFile y = load(s, key.equals("set") ? "set" : key.replace("path", "labels-path"), labelFile);
            if (y.items() != x.items() || y.itemSize() != 1) {
                throw new ConfigException(key, SettingsReader.originOf(s, key), labelFile + " holds " + Arrays.toString(y.shape())
                        + " labels for the " + x.items() + " images of " + images);
            }
            List<Integer> kept = new ArrayList<>();
            for (int i = 0; i < y.items(); i++) {
                if (labels.contains(y.value(i, 0))) {
                    kept.add(i);
                }
            }
            if (kept.isEmpty()) {
                throw new ConfigException("labels", SettingsReader.originOf(s, "labels"), "= " + labels + " keeps none of the images of "
                        + images + " (labels there are 0.." + maxLabel(y) + ")");
            }
            return new Images(x, kept.stream().mapToInt(Integer::intValue).toArray());
        }

        /** One image's shape after k × k downsampling: {@code [1, h/k, w/k]}. */
        java.util.List<Integer> rowShape(int k) {
            return java.util.List.of(1, file.shape()[1] / k, file.shape()[2] / k);
        }

        /** The rows {@code rows} (indices into the kept images) as a float matrix [rows, (h/k)·(w/k)]. */
        INDArray pixels(int[] rows, int k, String scale, boolean dequantise, RandomSource noise) {
            int h = file.shape()[1];
            int w = file.shape()[2];
            int oh = h / k;
            int ow = w / k;
            float[] out = new float[rows.length * oh * ow];
            double[] u = new double[out.length];
            if (dequantise) {
                INDArray draws = noise.fillUniform(Nd4j.createUninitialized(DataType.DOUBLE, Math.max(1, out.length)), 0, 1);
                u = draws.toDoubleVector();
                draws.close();
            }
            for (int r = 0; r < rows.length; r++) {
                int item = kept[rows[r]];
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double sum = 0;
                        for (int a = 0; a < k; a++) {
                            for (int b = 0; b < k; b++) {
                                sum += file.value(item, (i * k + a) * w + j * k + b);
                            }
                        }
                        int at = (r * oh + i) * ow + j;
                        double p = sum / (k * k);
                        // dequantised: p + u spreads each grey level over [p, p + 1) of a 256-wide range (of the block mean)
                        double v = dequantise ? (p + u[at]) / 256.0 : p / 255.0;
                        out[at] = (float) (scale.equals("symmetric") ? 2 * v - 1 : v);
                    }
                }
            }
            return Nd4j.create(out, new long[] {rows.length, (long) oh * ow}, 'c');
        }

        private static int maxLabel(IdxFile y) {
            int max = 0;
            for (int i = 0; i < y.items(); i++) {
                max = Math.max(max, y.value(i, 0));
            }
            return max;
        }

        private static IdxFile load(Config s, String key, Path file) {
            if (file == null) {
                throw new ConfigException(key, SettingsReader.originOf(s, key), "is needed to filter by labels");
            }
            try {
                return IdxFile.read(file);
            } catch (NoSuchFileException e) {
                String hint = key.equals("set")
                        ? " (set = fashion-mnist reads Debian's package: apt-get install dataset-fashion-mnist; or set folder, or give path)" : "";
                throw new ConfigException(key, SettingsReader.originOf(s, key), "cannot read " + file.toAbsolutePath() + ": no such file" + hint);
            } catch (IdxFile.FormatException e) {
                throw new ConfigException(key, SettingsReader.originOf(s, key), e.getMessage());
            } catch (IOException e) {
                throw new ConfigException(key, SettingsReader.originOf(s, key), "cannot read " + file.toAbsolutePath() + ": " + e.getMessage());
            }
        }
    }
}
