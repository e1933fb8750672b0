/**
 * Whole input files that are not logs (the IAM credential report, authorization details, the
 * password policy), read strictly: {@link io.trailhound.core.inputfile.InputText} (UTF-8),
 * {@link io.trailhound.core.inputfile.JsonInput} (one JSON document). What is not what it claims
 * to be is an {@link io.trailhound.core.inputfile.InputFormatException} naming the file and where
 * in it, shared by {@code identity} (trust policies for attribution) and {@code posture} (the audit).
 * Logs are read by {@code ingest}, which quarantines a bad record and reads on instead.
 */
package io.trailhound.core.inputfile;
