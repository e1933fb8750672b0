package io.trailhound.core.output;

/**
 * Where ASFF findings are to be imported: the Security Hub region (BatchImportFindings takes only
 * findings whose {@code ProductArn} names the region it is called in) and the account that
 * imports them ({@code ProductArn} names it; null: each finding's own account, right when every
 * account imports its own). The partition follows from the region.
 */
public record AsffTarget(String region, String productAccount) {
    public AsffTarget {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("an ASFF target needs a region");
        }
    }

    public String partition() {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    /** The default product of the importing account: {@code arn:aws:securityhub:REGION:ACCOUNT:product/ACCOUNT/default}. */
    public String productArn(String findingAccount) {
        String account = productAccount != null ? productAccount : findingAccount;
        return "arn:" + partition() + ":securityhub:" + region + ":" + account + ":product/" + account + "/default";
    }
}
