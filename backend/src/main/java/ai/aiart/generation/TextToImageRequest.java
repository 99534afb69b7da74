package ai.aiart.generation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** Body of {@code POST /api/v1/generate/text-to-image}. */
public record TextToImageRequest(
        @NotBlank(message = "Please describe the picture you want: the prompt must not be empty.")
        String prompt,
        String negativePrompt,
        @Pattern(regexp = AspectRatio.PATTERN, message = AspectRatio.MESSAGE)
        String aspectRatio,
        String style,
        @Min(value = 0, message = "The seed must be a whole number from 0 to 4294967294.")
        @Max(value = 4294967294L, message = "The seed must be a whole number from 0 to 4294967294.")
        Long seed) {
}
