package dev.aigateway.emulator;

/** Transport failures with the other reading: a retry catches its children's errors and retries. */
class TransportFailoverWhenRetryCatchesErrorsTest extends TransportFailoverScenarios {
    @Override
    protected EmulatorOptions options() {
        return super.options().choice("retryCatchesErrors", true);
    }
}
