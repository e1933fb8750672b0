package io.trailhound.synth;

/** How generated CloudTrail records are laid out on disk. */
public enum OutputLayout {
    /**
     * As an organisation trail delivers to S3:
     * {@code logs/AWSLogs/<org-id>/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/<account>_CloudTrail_<region>_<yyyymmddThhmmZ>_<random>.json.gz},
     * each file a gzip {@code {"Records":[...]}} of about five minutes.
     */
    S3,
    /** One JSON record per line, one file per day: {@code logs/events-<yyyy-mm-dd>.jsonl}. */
    JSONL
}
