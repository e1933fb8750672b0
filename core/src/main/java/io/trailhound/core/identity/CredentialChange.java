package io.trailhound.core.identity;

/**
 * A credential whose answer changed because a record read later (an issuance, a SwitchRole, in this
 * run or, in a store, a later one) completed or extended its chain.
 *
 * @param credential the credential's key ({@link Credentials#keyOf})
 * @param identity   what its events say about it
 * @param before     the answer given until now
 * @param now        the answer from now on; {@link CredentialAnswer#pending()} false when it can no longer change
 * @param events     how many of this run's events were made with it (counted where the attributor still held
 *                   it; 0 when a host asks about a credential this run did not see)
 */
public record CredentialChange(String credential, CredentialIdentity identity, CredentialAnswer before,
                               CredentialAnswer now, long events) {
}
