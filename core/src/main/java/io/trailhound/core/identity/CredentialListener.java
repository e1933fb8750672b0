package io.trailhound.core.identity;

/**
 * Hears that credentials changed answer. Called in the thread that feeds the {@link Attributor}
 * (its {@code accept}, {@code reattribute} or {@code finish}), once per change, in the order the
 * changes were found. A credential may change more than once (a chain completed one hop at a time);
 * each call carries the answer before and after. Every event made with the credential, already
 * delivered or not, has the new answer from then on: a host with a store updates the credential's
 * row, a host that sent alerts sends an update for them.
 */
@FunctionalInterface
public interface CredentialListener {
    void changed(CredentialChange change);
}
