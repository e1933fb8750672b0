/**
 * Attribution, the stage after decode: who is behind an event made with temporary credentials.
 * {@link IssuanceReader} reads an {@link Issuance} from each STS call that returned credentials;
 * the {@link CredentialLedger} keeps them by issued access key (and console session);
 * {@link AttributionResolver} walks issuance → issuer → … to an {@link Origin}, giving an
 * {@link Attribution} with a {@link Confidence} and the {@link Hop}s of the chain. The answer is a
 * property of a <em>credential</em> ({@link Credentials#keyOf}: an access key, or a keyless
 * session), worked out from what its events say of it ({@link CredentialIdentity}) and the ledger:
 * a {@link CredentialAnswer}, pending while an unread record could change it. {@link Attributor}
 * is the pipeline's {@link io.trailhound.core.stage.Stage}: {@code prepare} in the reading threads
 * (a credential's answer worked out once per thread while it holds, {@link RecentAnswers}),
 * {@code accept} in order (each event delivered at once with its credential's answer), and
 * {@link CredentialListener}s hear of credentials whose answer a later issuance changed. {@link TrustPolicies}, read from {@link AuthorizationDetails}, lets a pinned
 * session name assert the user; {@link AttributionSummary} counts the answers.
 *
 * <p>Depends on {@code event}, {@code stage} and Jackson (policy documents). It knows
 * nothing of rules, alerts or the store. State across events: the ledger (per issuance) and the
 * pending credentials (one each, a bounded number in memory as objects, the rest written compactly
 * by the spill's own thread, in memory up to 16 MiB and then to a temporary file, {@link PendingSpill});
 * never anything per event.
 */
package io.trailhound.core.identity;
