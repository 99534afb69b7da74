package ai.aiart.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import ai.aiart.provider.MediaFiles;
import ai.aiart.provider.upstream.DecodeBudget;
import ai.aiart.support.TestMedia;

class MediaProbeTest {

    private static final DecodeBudget BUDGET = new DecodeBudget(64L << 20, 2, null);

    @Test
    void picturesAreRecognisedAndMeasured() {
        Path png = MediaFiles.write(TestMedia.png(30, 20), ".png");
        try {
            assertEquals("image/png", MediaProbe.contentType(png));
            assertArrayEquals(new int[] {30, 20}, MediaProbe.imageSize(png, BUDGET));
            assertNull(MediaProbe.videoInfo(png));
        } finally {
            MediaFiles.deleteQuietly(png);
        }
    }

    @Test
    void videosAreRecognisedAndTheirSizeAndLengthRead() {
        Path mp4 = MediaFiles.write(TestMedia.mp4(832, 480, 5.5), ".mp4");
        try {
            assertEquals("video/mp4", MediaProbe.contentType(mp4));
            assertEquals(new MediaProbe.VideoInfo(832, 480, 5.5), MediaProbe.videoInfo(mp4));
            assertNull(MediaProbe.imageSize(mp4, BUDGET));
        } finally {
            MediaFiles.deleteQuietly(mp4);
        }
    }

    @Test
    void anythingElseIsUnknown() {
        Path text = MediaFiles.write("{\"error\":\"nope\"}".getBytes(), ".bin");
        try {
            assertNull(MediaProbe.contentType(text));
            assertNull(MediaProbe.imageSize(text, BUDGET));
            assertNull(MediaProbe.videoInfo(text));
        } finally {
            MediaFiles.deleteQuietly(text);
        }
    }
}
