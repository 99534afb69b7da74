package ai.aiart.web;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long a request body may take to arrive ({@code aiart.http.*}, docs/RELIABILITY.md, "Slow bodies"). */
@ConfigMapping(prefix = "aiart.http")
public interface HttpConfig {

    /**
     * The longest a request body may take to arrive, whatever its length; a body still
     * arriving then gets 408 and its connection is closed. With the 11 MB body limit, a
     * picture upload at the slowest rate allowed ({@link #bodyMinRate()}) fits in it.
     */
    @WithDefault("180s")
    Duration bodyDeadline();

    /**
     * The slowest a body with a length may arrive: its deadline is 10 s plus its length at this
     * rate (a JSON prompt gets about 10 s, a 10 MB picture 170 s), at most {@link #bodyDeadline()}.
     */
    @WithDefault("64K")
    MemorySize bodyMinRate();
}
