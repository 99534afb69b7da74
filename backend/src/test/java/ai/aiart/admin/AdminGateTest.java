package ai.aiart.admin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which request paths the admin gate guards, however they are spelled. */
class AdminGateTest {

    @Test
    void theAdminTreeInAnySpelling() {
        for (String path : new String[] { "/api/v1/admin", "/api/v1/admin/", "/api/v1/admin/users", "api/v1/admin/queue",
                "/api/v1//admin/users", "//api/v1/admin", "/api/v1/./admin/users", "/api/v1/x/../admin/blocks" }) {
            assertTrue(AdminGate.isAdminPath(path), path);
        }
    }

    @Test
    void notOtherPaths() {
        for (String path : new String[] { "/api/v1/administrator", "/api/v1/adminx/users", "/api/v1/user/me",
                "/api/v1/jobs/admin", "/api/v2/admin/users", "", "/" }) {
            assertFalse(AdminGate.isAdminPath(path), path);
        }
        assertFalse(AdminGate.isAdminPath(null));
    }
}
