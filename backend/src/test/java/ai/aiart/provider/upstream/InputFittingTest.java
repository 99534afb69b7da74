package ai.aiart.provider.upstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import ai.aiart.core.JobKind;
import ai.aiart.core.MediaProbe;
import ai.aiart.provider.GenerationRequest;
import ai.aiart.provider.ProviderException;
import ai.aiart.support.TestImages;
import ai.aiart.support.TestMedia;

/**
 * Fitting an upload and the prompts to a provider's limits, without Quarkus: what fits is passed
 * byte for byte; a picture too large is scaled down, too small up, an impossible shape letterboxed,
 * a format or transparency the provider does not take re-encoded, and too many bytes re-encoded
 * (then shrunk) until under the cap. Prompts are cut at a word boundary.
 */
class InputFittingTest {

    private static final Set<String> WEB = Set.of("image/png", "image/jpeg", "image/webp");
    /** DashScope's image-to-video upload, as it declares it. */
    private static final InputLimits VIDEO = InputLimits.prompts(800, 500, true)
            .withImage(360, 2000, 10_000_000L, Set.of("image/jpeg", "image/png", "image/bmp", "image/webp"), false);

    private final InputFitting fitting = new InputFitting(new DecodeBudget(256L << 20, 2, null));

    @Test
    void anUploadThatFitsIsPassedByteForByte() throws IOException {
        byte[] png = TestMedia.png(800, 600);
        GenerationRequest request = request("a cat", null, png, 800, 600);

        InputFitting.Fitted fitted = fitting.fit(request, VIDEO);

        assertSame(request, fitted.request());
        assertTrue(fitted.adjustments().isEmpty());
        assertNull(fitted.file());
        assertArrayEquals(png, Files.readAllBytes(fitted.request().input().file()));
    }

    @Test
    void aWideUploadIsScaledDownAndLetterboxedWhenItsShapeCannotFit() throws IOException {
        GenerationRequest request = request("a cat", null, TestImages.picture(4096, 300, "png"), 4096, 300);

        InputFitting.Fitted fitted = fitting.fit(request, VIDEO);
        try {
            BufferedImage sent = read(fitted);
            assertEquals(2000, sent.getWidth());
            assertEquals(360, sent.getHeight(), "4096:300 scaled to 2000 wide is 146 high: bars make up 360");
            assertEquals("image/jpeg", fitted.request().input().contentType());
            assertEquals(0, sent.getRGB(1000, 2) & 0xffffff, "the bar is black");
            assertTrue((sent.getRGB(1000, 180) & 0xffffff) != 0, "the picture is in the middle");
            InputFitting.Adjustment change = fitted.adjustments().get(0);
            assertEquals("image", change.what());
            assertTrue(change.from().startsWith("4096x300 png "), change.from());
            assertTrue(change.to().startsWith("2000x360 jpeg "), change.to());
        } finally {
            fitted.cleanUp();
        }
        assertFalse(Files.exists(fitted.file()), "the fitted file is removed after use");
    }

    @Test
    void aSmallUploadIsScaledUpKeepingItsShape() throws IOException {
        GenerationRequest request = request(null, null, TestImages.picture(100, 50, "png"), 100, 50);

        InputFitting.Fitted fitted = fitting.fit(request, VIDEO);
        try {
            BufferedImage sent = read(fitted);
            assertEquals(720, sent.getWidth());
            assertEquals(360, sent.getHeight());
            assertEquals(720, fitted.request().input().width());
            assertEquals(360, fitted.request().input().height());
        } finally {
            fitted.cleanUp();
        }
    }

    @Test
    void tooManyBytesAreReencodedUnderTheCap() throws IOException {
        byte[] noise = TestImages.noisePng(600, 600);
        InputLimits small = InputLimits.NONE.withImage(0, Integer.MAX_VALUE, 250_000L, WEB, true);
        assertTrue(noise.length > 250_000, "the test's picture must be over the cap: " + noise.length);

        InputFitting.Fitted fitted = fitting.fit(request(null, null, noise, 600, 600), small);
        try {
            long bytes = Files.size(fitted.request().input().file());
            assertTrue(bytes <= 250_000, bytes + " bytes");
            BufferedImage sent = read(fitted);
            assertEquals(sent.getWidth(), fitted.request().input().width());
            assertEquals(sent.getHeight(), fitted.request().input().height());
            assertEquals("image/jpeg", fitted.request().input().contentType());
        } finally {
            fitted.cleanUp();
        }
    }

    @Test
    void transparencyIsKeptWhereTakenAndFlattenedOnWhiteWhereNot() throws IOException {
        byte[] png = transparentPng(100, 100);
        assertTrue(InputFitting.pngHasAlpha(TestMedia.upload(png, 100, 100).file()));
        assertFalse(InputFitting.pngHasAlpha(TestMedia.upload(TestMedia.png(10, 10), 10, 10).file()));

        InputFitting.Fitted kept = fitting.fit(request(null, null, png, 100, 100),
                InputLimits.NONE.withImage(200, 4000, 10_000_000L, WEB, true));
        InputFitting.Fitted flattened = fitting.fit(request(null, null, png, 100, 100),
                InputLimits.NONE.withImage(0, 4000, 10_000_000L, WEB, false));
        try {
            assertEquals("image/png", kept.request().input().contentType());
            assertEquals(0, read(kept).getRGB(5, 5) >>> 24, "still transparent");
            assertEquals("image/jpeg", flattened.request().input().contentType());
            assertEquals(100, read(flattened).getWidth(), "only the format changed");
            assertTrue((read(flattened).getRGB(5, 5) & 0xff) > 240, "transparent became white");
        } finally {
            kept.cleanUp();
            flattened.cleanUp();
        }
    }

    @Test
    void aFormatNotTakenIsReencoded() throws IOException {
        InputLimits jpegOnly = InputLimits.NONE.withImage(0, 4000, 10_000_000L, Set.of("image/jpeg"), true);

        InputFitting.Fitted fitted = fitting.fit(request(null, null, TestMedia.png(64, 48), 64, 48), jpegOnly);
        try {
            assertEquals("image/jpeg", fitted.request().input().contentType());
            assertEquals("image/jpeg", MediaProbe.contentType(fitted.request().input().file()));
            assertEquals(64, read(fitted).getWidth());
        } finally {
            fitted.cleanUp();
        }
    }

    @Test
    void anUploadTooLargeToDecodeWithinTheBudgetFailsClearly() {
        InputFitting tight = new InputFitting(new DecodeBudget(64 * 1024, 1, null));

        ProviderException e = assertThrows(ProviderException.class,
                () -> tight.fit(request(null, null, TestImages.picture(4096, 300, "png"), 4096, 300), VIDEO));

        assertEquals("input_too_large", e.code());
        assertFalse(e.refusal());
    }

    @Test
    void targetsKeepTheShapeOrLetterbox() {
        assertArrayEquals(new int[] {2000, 1000, 2000, 1000}, InputFitting.target(4000, 2000, 360, 2000));
        assertArrayEquals(new int[] {360, 720, 360, 720}, InputFitting.target(16, 32, 360, 2000));
        assertArrayEquals(new int[] {2000, 8, 2000, 360}, InputFitting.target(4096, 16, 360, 2000));
        assertArrayEquals(new int[] {64, 128, 64, 128}, InputFitting.target(16, 32, 64, 16_384));
    }

    @Test
    void promptsAreCutAtAWordBoundaryAndRecorded() {
        String prompt = "a quiet harbour at dawn with fishing boats";
        GenerationRequest request = TestMedia.request(JobKind.TEXT_TO_IMAGE, prompt, "blurry, low quality", null, null, null, null);

        InputFitting.Fitted fitted = fitting.fit(request, InputLimits.prompts(20, 12, false));

        assertEquals("a quiet harbour at", fitted.request().prompt());
        assertEquals("blurry, low", fitted.request().negativePrompt());
        assertEquals(List.of(new InputFitting.Adjustment("prompt", "42", "18"),
                new InputFitting.Adjustment("negative_prompt", "19", "11")), fitted.adjustments());
    }

    @Test
    void trimmingKeepsWholeWordsUnlessOneWordIsTooLong() {
        assertEquals("one two", Prompts.trim("one two three", 9));
        assertEquals("one two", Prompts.trim("one two three", 7));
        assertEquals("one two", Prompts.trim("one two, three", 9), "no comma left dangling");
        assertEquals("abcde", Prompts.trim("abcdefghij klm", 5), "a single word longer than the limit is cut");
        assertEquals("fits", Prompts.trim("fits", 4));
        assertNull(Prompts.trim(null, 4));
        assertEquals("猫 在", Prompts.trim("猫 在 屋顶上", 4), "characters, not bytes");
        assertEquals("😀😀", Prompts.trim("😀😀😀", 2), "a character outside the BMP is never split");
    }

    @Test
    void theFoldedStyleCountsAgainstTheLimit() {
        String prompt = "a lighthouse on a cliff in a storm";
        String trimmed = Prompts.trimStyled(prompt, "oil-painting", 40, true);
        String sent = Prompts.styled(trimmed, "oil-painting");

        assertTrue(sent.length() <= 40, sent);
        assertTrue(sent.endsWith(", in oil painting style"), sent);
        assertEquals("a lighthouse on a", trimmed);
        assertEquals(prompt, Prompts.trimStyled(prompt, "oil-painting", 40, false), "unfolded: the prompt alone fits");
    }

    private static GenerationRequest request(String prompt, String negative, byte[] picture, int width, int height) {
        return TestMedia.request(JobKind.IMAGE_TO_VIDEO, prompt, negative, null, TestMedia.upload(picture, width, height), null, 5);
    }

    private static BufferedImage read(InputFitting.Fitted fitted) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(fitted.request().input().file())));
    }

    private static byte[] transparentPng(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(200, 40, 40));
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
