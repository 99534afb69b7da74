package ai.aiart.core;

/** The aspect ratios a picture may have, and the size each gives. */
public enum AspectRatio {
    R1_1(1, 1), R16_9(16, 9), R9_16(9, 16), R4_3(4, 3), R3_4(3, 4), R3_2(3, 2), R2_3(2, 3),
    R21_9(21, 9), R9_21(9, 21), R5_4(5, 4), R4_5(4, 5);

    /** Every ratio as a request names it, as one regular expression ({@code 1:1|16:9|…}). */
    public static final String PATTERN = wires("|");
    public static final String MESSAGE = "The aspect ratio must be one of " + wires(", ") + ".";

    private final int w;
    private final int h;

    AspectRatio(int w, int h) {
        this.w = w;
        this.h = h;
    }

    public String wire() {
        return w + ":" + h;
    }

    private static String wires(String separator) {
        return java.util.Arrays.stream(values()).map(AspectRatio::wire).collect(java.util.stream.Collectors.joining(separator));
    }

    public static AspectRatio parse(String wire) {
        for (AspectRatio r : values()) {
            if (r.wire().equals(wire)) {
                return r;
            }
        }
        throw new IllegalArgumentException(MESSAGE);
    }

    /** The ratio closest to {@code width × height} (by the logarithm of the ratio). */
    public static AspectRatio nearest(int width, int height) {
        double target = Math.log((double) width / height);
        AspectRatio best = R1_1;
        for (AspectRatio r : values()) {
            if (Math.abs(Math.log((double) r.w / r.h) - target) < Math.abs(Math.log((double) best.w / best.h) - target)) {
                best = r;
            }
        }
        return best;
    }

    /** Width and height with the long side {@code longSide}, both multiples of 8. */
    public int[] size(int longSide) {
        int width = w >= h ? longSide : roundTo8((double) longSide * w / h);
        int height = h >= w ? longSide : roundTo8((double) longSide * h / w);
        return new int[] {width, height};
    }

    private static int roundTo8(double v) {
        return Math.max(8, (int) Math.round(v / 8) * 8);
    }
}
