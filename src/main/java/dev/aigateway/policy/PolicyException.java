package dev.aigateway.policy;

/** A policy template or rendered policy that must not be registered. */
public final class PolicyException extends RuntimeException {
    public PolicyException(String message) {
        super(message);
    }
}
