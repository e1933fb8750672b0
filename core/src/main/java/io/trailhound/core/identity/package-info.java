/**
 * Attribution, the stage after decode: who is behind an event made with temporary credentials.
 * {@link IssuanceReader} reads an {@link Issuance} from each STS call that returned credentials;
 * the {@link CredentialLedger} keeps them by issued access key (and console session);
 * {@link AttributionResolver} walks issuance → issuer → … to an {@link Origin}, giving an
 * {@link Attribution} with a {@link Confidence} and the {@link Hop}s of the chain. {@link Attributor}
 * is the pipeline's {@link io.trailhound.core.stage.Stage}: {@code prepare} in the reading threads,
 * {@code accept} in order, {@code finish} once all input is read. {@link TrustPolicies}, read from {@link AuthorizationDetails}, lets a pinned
 * session name assert the user; {@link AttributionSummary} counts the answers.
 *
 * <p>Depends on {@code event}, {@code stage} and Jackson (policy documents). It knows
 * nothing of rules, alerts or the store. State across events: the ledger, per credential, and the
 * events whose answer may still change, held as identity copies (no raw bytes) until {@code finish}.
 */
package io.trailhound.core.identity;
