package dev.aigateway.config;

/** The closed value sets of the configuration; each constant's name is its config spelling. */
public final class Enums {
    private Enums() {}

    public enum ApimSku { Developer, Basic, Standard, Premium }

    public enum IdentityType { SystemAssigned, UserAssigned }

    public enum AccountKind { OpenAI, AIServices }

    public enum DeploymentSku {
        Standard, GlobalStandard, DataZoneStandard,
        ProvisionedManaged, GlobalProvisionedManaged, DataZoneProvisionedManaged,
        GlobalBatch, DataZoneBatch
    }

    /** Periods of azure-openai-token-limit's token-quota. */
    public enum QuotaPeriod { Hourly, Daily, Weekly, Monthly, Yearly }
}
