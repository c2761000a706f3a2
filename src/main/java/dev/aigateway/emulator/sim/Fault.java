package dev.aigateway.emulator.sim;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;

/**
 * A fault a simulated backend plays instead of (or while) answering: a status with its
 * {@code Retry-After} and {@code retry-after-ms} headers, a hang before the response headers, a
 * refused or reset connection, a missing deployment, or slow streaming. A fault applies to one
 * deployment or to all, for a number of requests or until cleared.
 *
 * @param kind       what happens
 * @param deployment the deployment it applies to; null for every request
 * @param status     the status of a {@link Kind#STATUS} fault
 * @param retryAfter the {@code Retry-After} header value (seconds, or an HTTP date), or null
 * @param retryAfterMs the {@code retry-after-ms} header value, or null
 * @param delayMs    how long a {@link Kind#HANG} waits before its headers, or how long a
 *                   {@link Kind#SLOW_STREAM} waits between events
 * @param times      how many requests it applies to; 0 means until cleared
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Fault(Kind kind, String deployment, Integer status, String retryAfter, Integer retryAfterMs, Long delayMs, int times) {

    public enum Kind { STATUS, HANG, REFUSE, RESET, DEPLOYMENT_NOT_FOUND, SLOW_STREAM }

    /** Answer with {@code status} (429, 500, 503, ...) and an Azure OpenAI error body. */
    public static Fault status(int status) {
        return new Fault(Kind.STATUS, null, status, null, null, null, 0);
    }

    /** Wait {@code delay} before the response headers: past the gateway's timeout, a hung region. */
    public static Fault hang(Duration delay) {
        return new Fault(Kind.HANG, null, null, null, null, delay.toMillis(), 0);
    }

    /** Refuse connections: the backend stops listening until its faults are cleared. */
    public static Fault refuse() {
        return new Fault(Kind.REFUSE, null, null, null, null, null, 0);
    }

    /** Read the request, then close the connection without an answer. */
    public static Fault reset() {
        return new Fault(Kind.RESET, null, null, null, null, null, 0);
    }

    /** Answer 404 DeploymentNotFound, as an account without the deployment does. */
    public static Fault deploymentNotFound() {
        return new Fault(Kind.DEPLOYMENT_NOT_FOUND, null, null, null, null, null, 0);
    }

    /** Stream with {@code interval} between events. */
    public static Fault slowStream(Duration interval) {
        return new Fault(Kind.SLOW_STREAM, null, null, null, null, interval.toMillis(), 0);
    }

    public Fault retryAfter(int seconds) {
        return new Fault(kind, deployment, status, Integer.toString(seconds), retryAfterMs, delayMs, times);
    }

    /** A {@code Retry-After} header as written: seconds, or an HTTP date. */
    public Fault retryAfter(String value) {
        return new Fault(kind, deployment, status, value, retryAfterMs, delayMs, times);
    }

    public Fault retryAfterMs(int milliseconds) {
        return new Fault(kind, deployment, status, retryAfter, milliseconds, delayMs, times);
    }

    public Fault forDeployment(String name) {
        return new Fault(kind, name, status, retryAfter, retryAfterMs, delayMs, times);
    }

    public Fault times(int n) {
        return new Fault(kind, deployment, status, retryAfter, retryAfterMs, delayMs, n);
    }

    boolean appliesTo(String requestDeployment) {
        return deployment == null || deployment.equals(requestDeployment);
    }
}
