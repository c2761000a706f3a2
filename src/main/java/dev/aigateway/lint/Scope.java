package dev.aigateway.lint;

/** Where a policy document is attached. */
public enum Scope {
    GLOBAL("global"), PRODUCT("product"), API("API"), OPERATION("operation");

    /** How the policy reference names the scope in its "policy scopes" lists. */
    final String reference;

    Scope(String reference) {
        this.reference = reference;
    }
}
