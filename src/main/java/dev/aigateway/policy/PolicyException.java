package dev.aigateway.policy;

/** A policy of this project that cannot be rendered or does not pass the gate. */
public final class PolicyException extends RuntimeException {
    public PolicyException(String message) {
        super(message);
    }
}
