package ai.aiart.renderer;

import java.util.List;

/** Paints a whole scene, back to front: sky, clouds, far land, water, near land, weather. */
final class Composer {

    private Composer() {
    }

    static void paint(Canvas c, Scene s) {
        List<Layers.Layer> layers = Layers.plan(s);
        Sky.paint(c, s);
        Clouds.paint(c, s);
        Terrain.paint(c, s, layers, true);
        if (s.f.has(Tag.FOG) || s.f.has(Tag.DREAMY) || s.f.has(Tag.CALM) && s.water) {
            Weather.fogBand(c, s, s.horizon - s.unit * 0.015, s.unit * 0.035, s.f.has(Tag.FOG) ? 0.7 : 0.4, "horizon");
        }
        if (s.water) {
            Water.paint(c, s);
        } else if (s.retroGrid) {
            Weather.retroGrid(c, s);
        }
        Terrain.paint(c, s, layers, false);
        Weather.paint(c, s);
    }
}
