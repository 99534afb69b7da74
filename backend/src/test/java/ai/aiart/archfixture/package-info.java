/**
 * Classes built to break the rules of {@code architecture/Layers}, one way each, so that
 * {@code architecture/LayersFailTest} can show every rule failing: the ground floor using a feature
 * ({@code core.Term}), infrastructure using the composition ({@code web.Mapper}), two features using
 * each other ({@code auth.Signer}, {@code ratelimit.Limiter}), a package on no floor
 * ({@code stray.Loose}); and one use that is allowed ({@code admin.Panel} of a feature), which no
 * rule may report. Never imported by the real check, which reads production classes only.
 */
package ai.aiart.archfixture;
