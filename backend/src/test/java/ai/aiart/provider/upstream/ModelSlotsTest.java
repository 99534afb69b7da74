package ai.aiart.provider.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.junit.jupiter.api.Test;

/** A bulkhead per model: each model its own slots, refused at once when they are taken, given back once. */
class ModelSlotsTest {

    @Test
    void eachModelHasItsOwnSlotsAndAThirdCallIsRefusedAtOnce() {
        ModelSlots slots = new ModelSlots(2);
        ModelSlots.Slot a = slots.take("qwen-image-plus");
        ModelSlots.Slot b = slots.take("qwen-image-plus");

        assertThrows(BulkheadException.class, () -> slots.take("qwen-image-plus"));
        try (ModelSlots.Slot video = slots.take("wan2.2-t2v-plus")) {
            assertEquals(1, slots.available("wan2.2-t2v-plus"), "another model is not held up");
        }
        assertEquals(2, slots.available("wan2.2-t2v-plus"));

        a.close();
        a.close(); // twice: given back once
        assertEquals(1, slots.available("qwen-image-plus"));
        slots.take("qwen-image-plus").close();
        b.close();
        assertEquals(2, slots.available("qwen-image-plus"));
    }

    @Test
    void atLeastOneSlotAModel() {
        assertThrows(IllegalArgumentException.class, () -> new ModelSlots(0));
    }
}
