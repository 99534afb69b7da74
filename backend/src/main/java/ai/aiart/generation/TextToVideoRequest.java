package ai.aiart.generation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** Body of {@code POST /api/v1/generate/text-to-video}. */
public record TextToVideoRequest(
        @NotBlank(message = "Please describe the video you want: the prompt must not be empty.")
        String prompt,
        String negativePrompt,
        @Pattern(regexp = AspectRatio.PATTERN, message = AspectRatio.MESSAGE)
        String aspectRatio,
        @Min(value = 1, message = "A video lasts from 1 to 8 seconds.")
        @Max(value = 8, message = "A video lasts from 1 to 8 seconds.")
        Integer durationSeconds,
        String style,
        @Min(value = 0, message = "The seed must be a whole number from 0 to 4294967294.")
        @Max(value = 4294967294L, message = "The seed must be a whole number from 0 to 4294967294.")
        Long seed) {
}
