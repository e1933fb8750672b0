/**
 * Test fixtures shared by every module's tests (core's test jar): CloudTrail records built fluently
 * ({@link io.trailhound.core.testkit.CloudTrailRecord}), the userIdentity shapes they carry
 * ({@link io.trailhound.core.testkit.Identities}) and the file shapes CloudTrail delivers them in
 * ({@link io.trailhound.core.testkit.CloudTrailFiles}).
 *
 * <p>A test that is about exact bytes (a deliberately malformed record, a key order, a byte offset
 * written out as a number) keeps its literal; everything else builds its records here, so a record's
 * shape is written once.
 */
package io.trailhound.core.testkit;
