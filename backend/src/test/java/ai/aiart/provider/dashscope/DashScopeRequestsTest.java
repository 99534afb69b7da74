package ai.aiart.provider.dashscope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which wire shape a model name gets, and the sizes asked of each model family. */
class DashScopeRequestsTest {

    @Test
    void theModelNameDecidesTheShape() {
        assertTrue(DashScopeRequests.isQwenImage("qwen-image-plus"));
        assertTrue(DashScopeRequests.isQwenImage("qwen-image"));
        assertTrue(DashScopeRequests.isQwenImage("qwen-image-max-2025-12-30"));
        assertTrue(DashScopeRequests.isQwenImage("Qwen-Image-2.0-Pro"));
        assertFalse(DashScopeRequests.isQwenImage("wanx2.1-t2i-turbo"));
        assertFalse(DashScopeRequests.isQwenImage("wan2.2-t2i-flash"));
        assertFalse(DashScopeRequests.isQwenImage(null));
    }

    @Test
    void fixedSizeQwenModelsGetTheSizeNearestTheShape() {
        assertArrayEquals(new int[] {1664, 928}, DashScopeRequests.qwenImageSize("qwen-image-plus", "16:9", 1024, 576));
        assertArrayEquals(new int[] {1664, 928}, DashScopeRequests.qwenImageSize("qwen-image-plus", "21:9", 1024, 439));
        assertArrayEquals(new int[] {1472, 1104}, DashScopeRequests.qwenImageSize("qwen-image-max", "3:2", 1024, 683));
        assertArrayEquals(new int[] {1328, 1328}, DashScopeRequests.qwenImageSize("qwen-image", "1:1", 1024, 1024));
        assertArrayEquals(new int[] {1104, 1472}, DashScopeRequests.qwenImageSize("qwen-image-plus", "4:5", 819, 1024));
        assertArrayEquals(new int[] {928, 1664}, DashScopeRequests.qwenImageSize("qwen-image-plus", "9:16", 576, 1024));
        assertArrayEquals(new int[] {928, 1664}, DashScopeRequests.qwenImageSize("qwen-image-plus", null, 400, 900));
    }

    @Test
    void qwenImage2KeepsTheRequestedSizeWithinItsSides() {
        assertArrayEquals(new int[] {1024, 576}, DashScopeRequests.qwenImageSize("qwen-image-2.0-pro", "16:9", 1024, 576));
        assertArrayEquals(new int[] {1194, 512}, DashScopeRequests.qwenImageSize("qwen-image-2.0", "21:9", 1024, 439));
        assertArrayEquals(new int[] {2048, 1024}, DashScopeRequests.qwenImageSize("qwen-image-2.0", "2:1", 4096, 2048));
    }

    @Test
    void qwenImage3IsFreeSizeToo() {
        assertArrayEquals(new int[] {1024, 576}, DashScopeRequests.qwenImageSize("qwen-image-3.0", "16:9", 1024, 576));
        assertArrayEquals(new int[] {2048, 1024}, DashScopeRequests.qwenImageSize("qwen-image-3.0-pro", "2:1", 4096, 2048));
    }
}
