package org.ebm4j.plugins.toydata;

import com.typesafe.config.Config;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.data.DataSource;
import org.ebm4j.api.data.DataSourceProvider;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

/**
 * {@code data.type = digits}: the 1,797 8×8 handwritten digits (UCI, as bundled with scikit-learn; CC BY 4.0),
 * shipped in this jar. Pixels 0..16 become {@code (p + u) / 17}, {@code u ~ U(0, 1)}: values in [0, 1) with a
 * density (uniform dequantisation of one grey level).
 */
@Extension
public class DigitsDataProvider implements DataSourceProvider {

    static final int PIXELS = 64;

    @Override
    public String name() {
        return "digits";
    }

    @Override
    public String description() {
        return "8x8 handwritten digits (64-D), dequantised to [0, 1)";
    }

    @Override
    public DataSource create(Config s, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        double fraction = r.nonNegativeDouble(s, "test-fraction");
        boolean dequantise = r.bool(s, "dequantise");
        Tables.checkFraction(r, s, fraction, false);
        r.throwIfAny();
        return random -> {
            INDArray x = pixels();
            if (dequantise) {
                x.addi(random.fillUniform(x.ulike(), 0, 1)).divi(17.0);
            } else {
                x.divi(16.0);
            }
            return Tables.split("digits", x, fraction, random, s).withRowShape(java.util.List.of(1, 8, 8)); // 1×8×8 images
        };
    }

    static INDArray pixels() {
        try (InputStream raw = DigitsDataProvider.class.getResourceAsStream("digits.csv.gz");
             BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8))) {
            // the 65th column is the label
            List<String> pixels = IntStream.range(0, PIXELS).mapToObj(Integer::toString).toList();
            return NumericCsv.read(in, "digits.csv.gz", ",", "false", pixels).matrix();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
