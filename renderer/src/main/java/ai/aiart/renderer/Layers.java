package ai.aiart.renderer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Plans the stack of terrain layers (far to near) for a scene from its tags and the seed. */
final class Layers {

    enum Kind { MOUNTAIN, HILL, DUNE, MESA, VOLCANO, FOREST, CITY, BEACH, SHORE, BANKS, ISLAND }

    enum TreeKind { NONE, PINE, ROUND, PALM }

    /** One layer: a profile kind, placement, and what stands on it. */
    static final class Layer {
        final Kind kind;
        final String id;
        final boolean back;
        double depth;
        double base;
        double amp;
        double freq;
        boolean snow;
        boolean hero;
        TreeKind trees = TreeKind.NONE;
        double treeSize;
        double treeDensity;
        boolean flowers;
        boolean castle;
        boolean cabins;
        boolean loneTree;
        boolean lighthouse;

        Layer(Kind kind, String id, boolean back, double base, double amp, double freq) {
            this.kind = kind;
            this.id = id;
            this.back = back;
            this.base = base;
            this.amp = amp;
            this.freq = freq;
        }
    }

    private Layers() {
    }

    static List<Layer> plan(Scene s) {
        PromptFeatures f = s.f;
        SplittableRandom r = s.rng("plan");
        double hz = s.horizon, g = s.h - hz, u = s.unit;
        List<Layer> back = new ArrayList<>();
        List<Layer> front = new ArrayList<>();
        int extra = (f.has(Tag.EPIC) ? 1 : 0) - (f.has(Tag.MINIMAL) ? 1 : 0) + (f.variety(7) > 0.75 ? 1 : 0);
        boolean snowy = f.hasAny(Tag.SNOW, Tag.WINTER)
                || !f.hasAny(Tag.DESERT, Tag.VOLCANO, Tag.SUMMER, Tag.BEACH, Tag.SPACE) && r.nextDouble() < 0.45;
        boolean mountains = f.has(Tag.MOUNTAINS) || f.has(Tag.VOLCANO);
        boolean farRange = !mountains && !f.hasAny(Tag.CITY, Tag.DESERT) && !(f.has(Tag.OCEAN) && !f.has(Tag.LAKE))
                && !s.spaceOnly;
        if (s.spaceOnly) {
            back.add(new Layer(Kind.MOUNTAIN, "alien0", false, s.h - g * 0.3, u * 0.09, 2.5));
            back.add(new Layer(Kind.MOUNTAIN, "alien1", false, s.h + g * 0.2, u * 0.12, 1.8));
        }
        if (mountains) {
            int n = Math.max(2, Math.min(5, 3 + extra));
            double amp0 = u * (0.2 + 0.08 * r.nextDouble()) * (f.has(Tag.EPIC) ? 1.3 : 1);
            for (int i = 0; i < n; i++) {
                double base = s.water ? hz + u * 0.01 : hz + g * 0.12 * i;
                Layer m = new Layer(Kind.MOUNTAIN, "m" + i, true, base, amp0 * (1 - 0.2 * i), 1.4 + 0.5 * i);
                m.snow = snowy && i < 2;
                m.hero = i == 0;
                back.add(m);
            }
        } else if (farRange) {
            back.add(new Layer(Kind.MOUNTAIN, "far", true, hz + u * 0.01, u * (0.09 + 0.05 * r.nextDouble()), 1.6));
            back.get(back.size() - 1).snow = snowy && f.has(Tag.SNOW);
        }
        if (f.has(Tag.VOLCANO)) {
            Layer v = new Layer(Kind.VOLCANO, "volcano", true, s.water ? hz + u * 0.01 : hz + g * 0.1, u * 0.34, 1);
            back.add(Math.min(back.size(), 1), v);
        }
        if (f.has(Tag.DESERT) && !mountains) {
            back.add(new Layer(Kind.MESA, "mesa", true, hz + u * 0.01, u * (0.07 + 0.05 * r.nextDouble()), 1.2));
        }
        if (f.has(Tag.CITY)) {
            int n = s.water ? 2 : 3;
            for (int i = 0; i < n; i++) {
                double base = s.water ? hz + u * 0.005 : hz + g * (0.05 + 0.3 * i);
                Layer c = new Layer(Kind.CITY, "city" + i, s.water || i == 0, base, u * (0.16 + 0.08 * i), 1);
                (c.back ? back : front).add(c);
            }
        }
        if (s.water && f.has(Tag.FOREST)) {
            Layer t = new Layer(Kind.FOREST, "treeline", true, hz + u * 0.005, u * 0.015, 3);
            t.trees = f.hasAny(Tag.AUTUMN, Tag.SPRING, Tag.TREES) ? TreeKind.ROUND : TreeKind.PINE;
            t.treeSize = u * 0.045;
            t.treeDensity = 0.8;
            back.add(t);
        }
        if (!s.water && !s.spaceOnly && !s.retroGrid && !(f.has(Tag.CITY) && !f.hasAny(Tag.HILLS, Tag.FOREST, Tag.DESERT))) {
            landFront(s, r, front, extra);
        }
        if (s.water) {
            waterFront(s, r, front);
        }
        List<Layer> all = new ArrayList<>(back);
        all.addAll(front);
        for (int i = 0; i < all.size(); i++) {
            Layer l = all.get(i);
            double t = all.size() == 1 ? 1 : i / (double) (all.size() - 1);
            l.depth = s.water && l.back ? t * 0.6 : Math.pow(t, 0.85);
            if (s.water && !l.back) {
                l.depth = Math.max(l.depth, 0.7);
            }
        }
        props(s, r, all);
        return all;
    }

    private static void landFront(Scene s, SplittableRandom r, List<Layer> front, int extra) {
        PromptFeatures f = s.f;
        double hz = s.horizon, g = s.h - hz, u = s.unit;
        Kind kind = f.has(Tag.DESERT) ? Kind.DUNE : f.has(Tag.FOREST) ? Kind.FOREST : Kind.HILL;
        int n = Math.max(2, Math.min(4, 3 + (extra > 0 ? 1 : 0) - (f.has(Tag.MINIMAL) ? 1 : 0)));
        for (int i = 0; i < n; i++) {
            double t = (i + 1) / (double) n;
            double base = hz + g * (0.12 + 0.72 * Math.pow(t, 1.2));
            double amp = u * (0.06 + 0.07 * t) * (kind == Kind.DUNE ? 1.3 : 1) * (0.8 + 0.5 * r.nextDouble());
            Layer l = new Layer(kind, "front" + i, false, base, amp, kind == Kind.DUNE ? 1.1 : 1.3 - 0.3 * t);
            if (kind == Kind.FOREST && f.hasAny(Tag.AUTUMN, Tag.SPRING)) {
                l.trees = TreeKind.ROUND;
                l.treeDensity = 0.9;
            } else if (kind == Kind.FOREST || f.has(Tag.MOUNTAINS) && !f.has(Tag.TREES) && i < n - 1 && r.nextDouble() < 0.5) {
                l.trees = TreeKind.PINE;
                l.treeDensity = kind == Kind.FOREST ? 0.9 : 0.35;
            } else if (f.hasAny(Tag.TREES, Tag.AUTUMN, Tag.SPRING) || kind == Kind.HILL && r.nextDouble() < 0.5) {
                l.trees = f.has(Tag.WINTER) ? TreeKind.PINE : TreeKind.ROUND;
                l.treeDensity = f.has(Tag.TREES) ? 0.45 : 0.2;
            }
            if (f.has(Tag.PALMS)) {
                l.trees = TreeKind.PALM;
                l.treeDensity = 0.15;
            }
            l.treeSize = u * (0.03 + 0.11 * t * t);
            front.add(l);
        }
        front.get(front.size() - 1).flowers = f.has(Tag.FLOWERS);
        if (f.has(Tag.FLOWERS) && front.size() > 1) {
            front.get(front.size() - 2).flowers = true;
        }
    }

    private static void waterFront(Scene s, SplittableRandom r, List<Layer> front) {
        PromptFeatures f = s.f;
        double hz = s.horizon, g = s.h - hz, u = s.unit;
        TreeKind trees = f.has(Tag.PALMS) ? TreeKind.PALM
                : f.hasAny(Tag.AUTUMN, Tag.SPRING, Tag.TREES) ? TreeKind.ROUND
                : f.hasAny(Tag.FOREST, Tag.WINTER) || s.night() ? TreeKind.PINE : TreeKind.ROUND;
        if (f.has(Tag.ISLAND)) {
            Layer l = new Layer(Kind.ISLAND, "island", false, hz + g * (0.22 + 0.1 * r.nextDouble()), u * 0.09, 1);
            l.trees = f.hasAny(Tag.FOREST, Tag.WINTER) ? TreeKind.PINE : TreeKind.PALM;
            l.treeSize = u * 0.11;
            l.treeDensity = 0.5;
            front.add(l);
        }
        if (f.has(Tag.BEACH)) {
            Layer l = new Layer(Kind.BEACH, "beach", false, s.h - g * 0.16, g * 0.14, 0.8);
            l.trees = f.has(Tag.PALMS) ? TreeKind.PALM : TreeKind.NONE;
            l.treeSize = u * 0.3;
            l.treeDensity = 0.12;
            front.add(l);
        } else if (f.has(Tag.RIVER) && !f.has(Tag.CITY)) {
            Layer l = new Layer(Kind.BANKS, "banks", false, s.h, g * 0.42, 1.2);
            l.trees = trees;
            l.treeSize = u * 0.12;
            l.treeDensity = 0.5;
            l.flowers = f.has(Tag.FLOWERS);
            front.add(l);
        } else if ((f.hasAny(Tag.LAKE, Tag.FLOWERS, Tag.CABIN, Tag.LIGHTHOUSE)) && !f.has(Tag.ISLAND) && !f.has(Tag.CITY)) {
            Layer l = new Layer(Kind.SHORE, "shore", false, s.h, g * (f.has(Tag.LIGHTHOUSE) ? 0.6 : 0.32), 1.2);
            l.lighthouse = f.has(Tag.LIGHTHOUSE);
            l.trees = trees;
            l.treeSize = u * 0.14;
            l.treeDensity = 0.45;
            l.flowers = f.has(Tag.FLOWERS);
            front.add(l);
        }
    }

    /** Puts castles and cabins on suitable layers. */
    private static void props(Scene s, SplittableRandom r, List<Layer> all) {
        if (all.isEmpty()) {
            return;
        }
        List<Layer> land = new ArrayList<>();
        for (Layer l : all) {
            if (l.kind == Kind.HILL || l.kind == Kind.SHORE || l.kind == Kind.BANKS || l.kind == Kind.ISLAND
                    || l.kind == Kind.FOREST || l.kind == Kind.DUNE || l.kind == Kind.BEACH) {
                land.add(l);
            }
        }
        if (land.isEmpty()) {
            land.add(all.get(all.size() - 1));
        }
        if (s.f.has(Tag.CABIN)) {
            land.get(Math.max(0, land.size() - 2)).cabins = true;
        }
        if (s.f.has(Tag.LONE) && s.f.hasAny(Tag.TREES, Tag.FOREST, Tag.PALMS)) {
            Layer near = land.get(land.size() - 1);
            near.loneTree = true;
            near.trees = s.f.has(Tag.PALMS) ? TreeKind.PALM : s.f.has(Tag.FOREST) ? TreeKind.PINE : TreeKind.ROUND;
            for (Layer l : all) {
                if (l != near && l.trees != TreeKind.PALM) {
                    l.treeDensity *= 0.4;
                }
            }
        }
        if (s.f.has(Tag.CASTLE) || s.f.has(Tag.FANTASY) && r.nextDouble() < 0.35) {
            Layer best = land.get(Math.max(0, land.size() - (land.size() > 2 ? 3 : 1)));
            if (best.cabins && land.size() > 1) {
                best = land.get(land.size() - 1);
            }
            best.castle = true;
        }
    }
}
