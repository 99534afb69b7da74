package ai.aiart.provider.stability;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Stability's error answer: {@code {"id":"…","name":"bad_request","errors":["…"]}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record StabilityError(String id, String name, List<String> errors) {
}
