package ai.aiart.site;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the site tells its visitors about this deployment ({@code aiart.site.*}, docs/DEPLOY.md). */
@ConfigMapping(prefix = "aiart.site")
public interface SiteConfig {

    /**
     * Where visitors write about their data and these terms, shown on the privacy and terms pages
     * (environment {@code AIART_SITE_CONTACT_EMAIL}). The default is a placeholder for local runs:
     * {@code .test} is a reserved domain, so nothing can ever be sent there by mistake.
     */
    @WithDefault("privacy@aiart.test")
    String contactEmail();
}
