package ai.aiart.provider.local;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import ai.aiart.core.AspectRatio;
import ai.aiart.renderer.OfflineRenderer;
import ai.aiart.support.UpstreamModels;

/**
 * Local stand-ins for the upstream AI services, speaking their real wire formats
 * (docs/PROVIDERS.md), for trying the provider path in a browser without keys or network:
 * {@code make run-stubs}. Pictures and videos are drawn by the offline renderer, so what
 * comes back still follows the prompt. A prompt containing "forbidden" is refused the way
 * each service refuses, and a model id the service does not know gets its "not found" answer
 * ({@link UpstreamModels}). Not used by the automated tests, which stub with WireMock.
 *
 * <p>Settings (environment): {@code AIART_STUBS_PORT} (8090); {@code AIART_STUBS_LATENCY_MS}
 * (0): every generation takes this long, as an upstream model does — Stability and Gemini pictures
 * answer after it (Qwen-Image too), DashScope tasks and Veo operations are done after it; {@code
 * AIART_STUBS_RENDER} ({@code each}): {@code once} draws one picture per size and one video
 * and serves them to every request, so the stubs spend no CPU per request (the benchmark,
 * {@code make bench}, uses it: the machine's CPU is for the backends being measured).
 */
public final class StubUpstreams {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OfflineRenderer RENDERER = new OfflineRenderer();
    private static final Map<String, byte[]> FILES = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> POLLS = new ConcurrentHashMap<>();
    private static final Map<String, String> TASK_FILES = new ConcurrentHashMap<>();
    private static final Map<String, Long> DONE_AT = new ConcurrentHashMap<>();
    private static final Map<String, byte[]> RENDERED_ONCE = new ConcurrentHashMap<>();
    private static String base;
    private static long latencyMs;
    private static boolean renderOnce;

    private StubUpstreams() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("AIART_STUBS_PORT", "8090"));
        latencyMs = Long.parseLong(System.getenv().getOrDefault("AIART_STUBS_LATENCY_MS", "0"));
        renderOnce = "once".equals(System.getenv().getOrDefault("AIART_STUBS_RENDER", "each"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        base = "http://127.0.0.1:" + port;
        // requests wait out the latency on their thread: enough threads for every backend's bulkheads
        server.setExecutor(Executors.newFixedThreadPool(latencyMs > 0 ? 64 : 4));
        server.createContext("/v2beta/stable-image/generate/", StubUpstreams::stability);
        server.createContext("/api/v1/services/aigc/", StubUpstreams::dashscopeSubmit);
        server.createContext("/api/v1/services/aigc/multimodal-generation/generation", StubUpstreams::qwenImage);
        server.createContext("/api/v1/tasks/", StubUpstreams::dashscopeTask);
        server.createContext("/v1beta/", exchange -> { // models.get first (the model canary), then generation
            if (!geminiModel(exchange)) {
                gemini(exchange);
            }
        });
        server.createContext("/files/", exchange -> {
            byte[] file = FILES.get(exchange.getRequestURI().getPath().substring("/files/".length()));
            send(exchange, file == null ? 404 : 200, file == null ? "video/mp4" : type(exchange), file == null ? new byte[0] : file, Map.of());
        });
        server.start();
        System.out.println("AiArt upstream stubs (Stability, DashScope, Gemini) on " + base
                + (latencyMs > 0 ? ", " + latencyMs + " ms a generation" : "") + (renderOnce ? ", one picture for all" : ""));
    }

    private static void stability(HttpExchange exchange) throws IOException {
        if (answeredUnknownModel(exchange, null)) {
            return;
        }
        Map<String, String> form = multipartFields(exchange);
        String prompt = form.getOrDefault("prompt", "");
        if (prompt.contains("forbidden")) {
            send(exchange, 200, "image/png", png(RENDERER.render("fog", null, null, 1, 64, 64)), Map.of("finish-reason", "CONTENT_FILTERED", "seed", "1"));
            return;
        }
        long seed = Long.parseLong(form.getOrDefault("seed", "0"));
        int[] size = AspectRatio.parse(form.getOrDefault("aspect_ratio", "1:1")).size(1024);
        byte[] picture = picture(prompt, form.get("negative_prompt"), "digital-art", seed, size);
        pause(latencyMs);
        send(exchange, 200, "image/png", picture, Map.of("finish-reason", "SUCCESS", "seed", String.valueOf(seed)));
    }

    private static void dashscopeSubmit(HttpExchange exchange) throws IOException {
        String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (answeredUnknownModel(exchange, text)) {
            return;
        }
        JsonNode body = JSON.readTree(text);
        String prompt = body.path("input").path("prompt").asText("");
        String id = UUID.randomUUID().toString();
        boolean video = exchange.getRequestURI().getPath().contains("video");
        if (prompt.contains("forbidden")) {
            TASK_FILES.put(id, "refused");
        } else {
            String file = id + (video ? ".mp4" : ".png");
            FILES.put(file, video ? mp4(prompt, 640, 360, 2) : picture(prompt, null, "watercolor", 7, new int[] {1024, 1024}));
            TASK_FILES.put(id, file);
        }
        POLLS.put(id, new AtomicInteger());
        DONE_AT.put(id, System.currentTimeMillis() + latencyMs);
        json(exchange, Map.of("request_id", id, "output", Map.of("task_id", id, "task_status", "PENDING")));
    }

    /**
     * Qwen-Image's synchronous text-to-image: one user message with one text in, the picture's
     * link in {@code output.choices[0].message.content[0].image} out, once it is drawn. A body
     * of another shape is refused as DashScope refuses it.
     */
    private static void qwenImage(HttpExchange exchange) throws IOException {
        String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (answeredUnknownModel(exchange, text)) {
            return;
        }
        JsonNode body = JSON.readTree(text);
        JsonNode messages = body.path("input").path("messages");
        JsonNode content = messages.path(0).path("content");
        String id = UUID.randomUUID().toString();
        int[] size = qwenSize(body.path("parameters").path("size").asText("1664*928"));
        if (messages.size() != 1 || !"user".equals(messages.path(0).path("role").asText()) || content.size() != 1
                || !content.path(0).path("text").isTextual() || size == null) {
            send(exchange, 400, "application/json", JSON.writeValueAsBytes(Map.of("request_id", id, "code", "InvalidParameter",
                    "message", "one user message with one text, and a size such as 1664*928, are required")), Map.of());
            return;
        }
        String prompt = content.path(0).path("text").asText();
        if (prompt.contains("forbidden")) {
            send(exchange, 400, "application/json", JSON.writeValueAsBytes(Map.of("request_id", id, "code", "DataInspectionFailed",
                    "message", "Input data may contain inappropriate content.")), Map.of());
            return;
        }
        JsonNode parameters = body.path("parameters");
        byte[] picture = picture(prompt, parameters.path("negative_prompt").asText(null), "watercolor",
                parameters.path("seed").asLong(7), size);
        FILES.put(id + ".png", picture);
        pause(latencyMs);
        json(exchange, Map.of("request_id", id,
                "output", Map.of("choices", new Object[] {Map.of("finish_reason", "stop", "message", Map.of("role", "assistant",
                        "content", new Object[] {Map.of("image", base + "/files/" + id + ".png")}))},
                        "task_metric", Map.of("TOTAL", 1, "SUCCEEDED", 1, "FAILED", 0)),
                "usage", Map.of("image_count", 1, "width", size[0], "height", size[1])));
    }

    /** "1664*928" as {1664, 928}, or null when it is not a size Qwen-Image could draw. */
    private static int[] qwenSize(String size) {
        String[] wh = size.split("\\*");
        try {
            int[] parsed = {Integer.parseInt(wh[0]), Integer.parseInt(wh[1])};
            return wh.length == 2 && parsed[0] >= 256 && parsed[1] >= 256 && parsed[0] <= 2048 && parsed[1] <= 2048 ? parsed : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void dashscopeTask(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/api/v1/tasks/".length());
        String file = TASK_FILES.get(id);
        if (file == null) {
            json(exchange, Map.of("output", Map.of("task_id", id, "task_status", "UNKNOWN")));
        } else if (POLLS.get(id).incrementAndGet() < 2 || System.currentTimeMillis() < DONE_AT.get(id)) {
            json(exchange, Map.of("output", Map.of("task_id", id, "task_status", "RUNNING")));
        } else if (file.equals("refused")) {
            json(exchange, Map.of("output", Map.of("task_id", id, "task_status", "FAILED", "code", "DataInspectionFailed",
                    "message", "Input data may contain inappropriate content.")));
        } else if (file.endsWith(".mp4")) {
            json(exchange, Map.of("output", Map.of("task_id", id, "task_status", "SUCCEEDED", "video_url", base + "/files/" + file)));
        } else {
            json(exchange, Map.of("output", Map.of("task_id", id, "task_status", "SUCCEEDED",
                    "results", new Object[] {Map.of("url", base + "/files/" + file)})));
        }
    }

    private static void gemini(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if ("GET".equals(exchange.getRequestMethod())) {
            String id = path.substring(path.lastIndexOf('/') + 1);
            if (System.currentTimeMillis() < DONE_AT.getOrDefault(id, 0L)) {
                json(exchange, Map.of("name", path.substring("/v1beta/".length()), "done", false));
                return;
            }
            json(exchange, Map.of("name", path.substring("/v1beta/".length()), "done", true, "response", Map.of(
                    "generateVideoResponse", Map.of("generatedSamples", new Object[] {
                            Map.of("video", Map.of("uri", base + "/files/" + id + ".mp4"))}))));
            return;
        }
        String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (answeredUnknownModel(exchange, text)) {
            return;
        }
        JsonNode body = JSON.readTree(text);
        if (path.endsWith(":generateContent")) {
            JsonNode parts = body.path("contents").path(0).path("parts");
            String prompt = parts.path(0).path("text").asText("");
            boolean edit = parts.path(1).has("inlineData");
            if (prompt.contains("forbidden")) {
                json(exchange, Map.of("promptFeedback", Map.of("blockReason", "PROHIBITED_CONTENT")));
                return;
            }
            int[] size = AspectRatio.parse(body.path("generationConfig").path("imageConfig").path("aspectRatio").asText("1:1"))
                    .size(1024);
            String data = Base64.getEncoder().encodeToString(picture(prompt, null, edit ? "anime" : "photographic",
                    edit ? 5 : 3, size));
            pause(latencyMs);
            json(exchange, Map.of("candidates", new Object[] {Map.of("content", Map.of("parts", new Object[] {
                    Map.of("text", "Here it is."), Map.of("inlineData", Map.of("mimeType", "image/png", "data", data))}),
                    "finishReason", "STOP")}));
        } else {
            String id = UUID.randomUUID().toString();
            FILES.put(id + ".mp4", mp4(body.path("instances").path(0).path("prompt").asText(""), 640, 360, 2));
            DONE_AT.put(id, System.currentTimeMillis() + latencyMs);
            json(exchange, Map.of("name", path.substring("/v1beta/".length(), path.indexOf(':')) + "/operations/" + id));
        }
    }

    /** Answers as the service does when the request names a model it does not know ({@link UpstreamModels}). */
    private static boolean answeredUnknownModel(HttpExchange exchange, String body) throws IOException {
        Optional<UpstreamModels.Answer> unknown = UpstreamModels.unknownModel(exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(), body);
        if (unknown.isPresent()) {
            send(exchange, unknown.get().status(), "application/json", unknown.get().body().getBytes(StandardCharsets.UTF_8),
                    Map.of());
        }
        return unknown.isPresent();
    }

    private static Map<String, String> multipartFields(HttpExchange exchange) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        String boundary = "--" + type.substring(type.indexOf("boundary=") + 9).replace("\"", "");
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
        Map<String, String> fields = new HashMap<>();
        for (String part : body.split(java.util.regex.Pattern.quote(boundary))) {
            int headerEnd = part.indexOf("\r\n\r\n");
            int nameAt = part.indexOf("name=\"");
            if (headerEnd < 0 || nameAt < 0 || nameAt > headerEnd || part.substring(0, headerEnd).contains("filename=")) {
                continue;
            }
            String name = part.substring(nameAt + 6, part.indexOf('"', nameAt + 6));
            String value = part.substring(headerEnd + 4).replaceAll("\r\n$", "");
            fields.put(name, new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    /** A picture for the prompt, or with AIART_STUBS_RENDER=once the one picture of that size. */
    private static byte[] picture(String prompt, String negative, String style, long seed, int[] size) throws IOException {
        if (renderOnce) {
            return RENDERED_ONCE.computeIfAbsent(size[0] + "x" + size[1], key -> {
                try {
                    return png(RENDERER.render("a benchmark picture", null, style, 1, size[0], size[1]));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        return png(RENDERER.render(prompt, negative, style, seed, size[0], size[1]));
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] mp4(String prompt, int width, int height, int seconds) {
        if (renderOnce) {
            return RENDERED_ONCE.computeIfAbsent("video", key -> renderMp4("a benchmark video", width, height, seconds));
        }
        return renderMp4(prompt, width, height, seconds);
    }

    private static byte[] renderMp4(String prompt, int width, int height, int seconds) {
        try {
            Path file = Files.createTempFile("stub", ".mp4");
            RENDERER.video(file, prompt, "anime", 11, width, height, null, seconds, 12, done -> { });
            byte[] bytes = Files.readAllBytes(file);
            Files.delete(file);
            return bytes;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static String type(HttpExchange exchange) {
        return exchange.getRequestURI().getPath().endsWith(".png") ? "image/png" : "video/mp4";
    }

    private static void json(HttpExchange exchange, Object body) throws IOException {
        send(exchange, 200, "application/json", JSON.writeValueAsBytes(body), Map.of());
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body, Map<String, String> headers)
            throws IOException {
        try (InputStream ignored = exchange.getRequestBody()) {
            exchange.getResponseHeaders().set("Content-Type", type);
            headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        }
    }

    // ——— The model canary's questions (docs/PROVIDERS.md, "Model canary"), kept apart from the generation stubs ———

    /**
     * Gemini's models.get ({@code GET /v1beta/models/{model}}) and models.list ({@code GET /v1beta/models}):
     * they know the Gemini models the backend's configuration names (the defaults of
     * {@code ProvidersConfig.Gemini}, or the {@code AIART_PROVIDERS_GEMINI_*_MODEL} settings this
     * process was started with), so the canary passes under {@code make run-stubs}; any other id is
     * answered with Google's 404 NOT_FOUND body. Returns false for every other request.
     */
    private static boolean geminiModel(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!"GET".equals(exchange.getRequestMethod()) || !path.startsWith("/v1beta/models")) {
            return false;
        }
        String rest = path.substring("/v1beta/models".length());
        java.util.Set<String> known = configuredGeminiModels();
        if (rest.isEmpty() || rest.equals("/")) {
            json(exchange, Map.of("models", known.stream().map(StubUpstreams::geminiModelResource).toList()));
            return true;
        }
        String id = rest.substring(1);
        if (id.contains("/") || id.contains(":")) {
            return false; // an operation of a video, not a model
        }
        if (known.contains(id)) {
            json(exchange, geminiModelResource(id));
        } else {
            send(exchange, 404, "application/json", JSON.writeValueAsBytes(Map.of("error", Map.of("code", 404, "message",
                    "models/" + id + " is not found for API version v1beta, or is not supported for get.", "status", "NOT_FOUND"))),
                    Map.of());
        }
        return true;
    }

    private static Map<String, Object> geminiModelResource(String id) {
        return Map.of("name", "models/" + id, "version", "001", "displayName", id);
    }

    /** The model ids of {@code ProvidersConfig.Gemini}: its {@code *Model()} defaults, or their environment settings. */
    private static java.util.Set<String> configuredGeminiModels() {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        for (java.lang.reflect.Method method : ai.aiart.provider.ProvidersConfig.Gemini.class.getMethods()) {
            io.smallrye.config.WithDefault value = method.getAnnotation(io.smallrye.config.WithDefault.class);
            if (method.getName().endsWith("Model") && value != null) {
                String env = "AIART_PROVIDERS_GEMINI_" + method.getName().replaceAll("([A-Z])", "_$1").toUpperCase(java.util.Locale.ROOT);
                ids.add(System.getenv().getOrDefault(env, value.value()));
            }
        }
        return ids;
    }
}
