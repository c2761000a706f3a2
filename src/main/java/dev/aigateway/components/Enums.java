package dev.aigateway.components;

/** The closed value sets of the configuration; each constant's name is its config spelling. */
public final class Enums {
    private Enums() {}

    /** The config spellings of an enum's constants, in declaration order. */
    public static <E extends Enum<E>> java.util.List<String> names(Class<E> type) {
        return java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    }

    public enum ApimSku { Developer, Basic, Standard, Premium }

    public enum IdentityType { SystemAssigned, UserAssigned }

    public enum AccountKind { OpenAI, AIServices }

    /** How API Management sits in a virtual network: External keeps a public gateway, Internal has none. */
    public enum VnetMode { External, Internal }

    public enum DeploymentSku {
        Standard, GlobalStandard, DataZoneStandard,
        ProvisionedManaged, GlobalProvisionedManaged, DataZoneProvisionedManaged,
        GlobalBatch, DataZoneBatch
    }

    /** Periods of azure-openai-token-limit's token-quota. */
    public enum QuotaPeriod { Hourly, Daily, Weekly, Monthly, Yearly }
}
