package ai.aiart.provider.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.junit.jupiter.api.Test;

import ai.aiart.core.MediaProbe;
import ai.aiart.provider.MediaFiles;
import ai.aiart.support.TestImages;

/**
 * The decode budget and the cost estimates it is fed: a decode holds its bytes and a slot, waits
 * for them, and gives them back; the estimate of a lossless WebP is its whole picture however small
 * the file, and a progressive JPEG's its coefficients, while a baseline JPEG or a PNG costs rows.
 */
class DecodeBudgetTest {

    private static final long MB = 1 << 20;

    @Test
    void aLeaseHoldsItsBytesUntilClosedAndClosingTwiceGivesBackOnce() {
        DecodeBudget budget = new DecodeBudget(10 * MB, 2, null);
        DecodeBudget.Lease lease = budget.lease(6 * MB, Duration.ZERO);
        assertNotNull(lease);
        assertEquals(6 * MB, budget.held());
        assertNull(budget.lease(6 * MB, Duration.ofMillis(50)), "6 MB more do not fit beside 6 MB in 10");
        lease.close();
        lease.close();
        assertEquals(0, budget.held());
        assertEquals(6 * MB, budget.peakHeld());
        try (DecodeBudget.Lease a = budget.lease(5 * MB, Duration.ZERO); DecodeBudget.Lease b = budget.lease(5 * MB, Duration.ZERO)) {
            assertNotNull(a);
            assertNotNull(b);
            assertEquals(10 * MB, budget.held());
        }
    }

    @Test
    void aDecodeLargerThanTheWholeBudgetCanNeverRun() {
        DecodeBudget budget = new DecodeBudget(10 * MB, 2, null);
        assertFalse(budget.fits(10 * MB + 1));
        assertTrue(budget.fits(10 * MB));
        assertThrows(IllegalArgumentException.class, () -> budget.lease(11 * MB, Duration.ofSeconds(1)));
    }

    @Test
    void slotsCapConcurrentDecodesWhateverTheirSize() {
        DecodeBudget budget = new DecodeBudget(100 * MB, 1, null);
        try (DecodeBudget.Lease one = budget.lease(1024, Duration.ZERO)) {
            assertNotNull(one);
            assertNull(budget.lease(1024, Duration.ofMillis(50)), "the only slot is taken");
        }
        assertNotNull(budget.lease(1024, Duration.ZERO));
    }

    @Test
    void waitingDecodesRunInTurnAndNeverHoldMoreThanTheBudget() throws Exception {
        DecodeBudget budget = new DecodeBudget(20 * MB, 4, null);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> all = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                all.add(pool.submit(() -> {
                    try (DecodeBudget.Lease lease = budget.lease(16 * MB, Duration.ofSeconds(30))) {
                        if (lease == null) {
                            return false;
                        }
                        most.accumulateAndGet(running.incrementAndGet(), Math::max);
                        Thread.sleep(20);
                        running.decrementAndGet();
                        return true;
                    }
                }));
            }
            for (Future<Boolean> f : all) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, most.get(), "16 MB decodes in a 20 MB budget run one at a time");
        assertEquals(16 * MB, budget.peakHeld());
        assertEquals(0, budget.held());
    }

    @Test
    void aLosslessWebpCostsItsWholePictureHoweverSmallTheFile() {
        byte[] bomb = TestImages.losslessWebp(4096, 4096);
        assertTrue(bomb.length < 64, "the bomb is " + bomb.length + " bytes");
        Path file = MediaFiles.write(bomb, ".webp");
        try {
            assertEquals(4096L * 4096 * 4 + 256 * 256 * 4, MediaProbe.trialCost(file, "webp", 4096, 4096));
            DecodeBudget small = new DecodeBudget(32 * MB, 2, null);
            assertNull(MediaProbe.imageSize(file, small), "a picture too large for the budget is not decoded");
            DecodeBudget large = new DecodeBudget(80 * MB, 2, null);
            assertEquals(4096, MediaProbe.imageSize(file, large)[0]);
            assertEquals(0, large.held());
            assertTrue(large.peakHeld() >= 64 * MB);
        } finally {
            MediaFiles.deleteQuietly(file);
        }
    }

    @Test
    void aProgressiveJpegCostsItsCoefficientsAndABaselineOneOnlyRows() throws Exception {
        Path progressive = MediaFiles.write(jpeg(1024, 768, true), ".jpg");
        Path baseline = MediaFiles.write(jpeg(1024, 768, false), ".jpg");
        Path png = MediaFiles.write(TestImages.picture(1024, 768, "png"), ".png");
        try {
            long pixels = 1024L * 768;
            long out = 256L * 192 * 4; // the trial decode: 4 × subsampled
            // the JDK writes 4:2:0 colour: 1 + ¼ + ¼ samples a pixel, 2 bytes each
            assertEquals(pixels * 3 + out, MediaProbe.trialCost(progressive, "JPEG", 1024, 768));
            long rows = 1024L * 8 * 16;
            assertEquals(rows + out, MediaProbe.trialCost(baseline, "JPEG", 1024, 768));
            assertEquals(rows + out, MediaProbe.trialCost(png, "png", 1024, 768));
        } finally {
            MediaFiles.deleteQuietly(progressive);
            MediaFiles.deleteQuietly(baseline);
            MediaFiles.deleteQuietly(png);
        }
    }

    private static byte[] jpeg(int width, int height, boolean progressive) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (progressive) {
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
