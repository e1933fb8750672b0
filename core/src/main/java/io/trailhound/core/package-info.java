/**
 * Vocabulary every stage shares: {@link io.trailhound.core.Severity}, the one scale for rule alerts
 * and posture findings. The stages live in the subpackages, one each (see their package-info).
 */
package io.trailhound.core;
