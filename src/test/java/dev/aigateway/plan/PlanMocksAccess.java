package dev.aigateway.plan;

/** Lets other test packages compute what the mocks hand out. */
public final class PlanMocksAccess {
    private PlanMocksAccess() {}

    /** The primary key the mocks return for a subscription. */
    public static String key(String sid) {
        return PlanMocks.mockKey("primary/" + sid);
    }
}
