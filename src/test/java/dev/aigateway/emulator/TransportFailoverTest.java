package dev.aigateway.emulator;

/** Transport failures with the conservative reading: a retry does not catch its children's errors. */
class TransportFailoverTest extends TransportFailoverScenarios {}
