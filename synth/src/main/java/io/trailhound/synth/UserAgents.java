package io.trailhound.synth;

import java.util.List;

/** userAgent strings of the tools that call AWS, in the forms CloudTrail records them. */
final class UserAgents {
    private UserAgents() {
    }

    static final List<String> BROWSERS = List.of(
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0",
            "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Firefox/131.0");

    static final List<String> CLIS = List.of(
            "aws-cli/2.18.12 md/awscrt#0.22.0 ua/2.0 os/macos#23.6.0 md/arch#arm64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#source md/prompt#off",
            "aws-cli/2.17.59 md/awscrt#0.21.5 ua/2.0 os/linux#6.8.0-47-generic md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.24 md/prompt#off",
            "aws-cli/2.19.1 md/awscrt#0.22.0 ua/2.0 os/windows#10 md/arch#amd64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off",
            "Boto3/1.35.50 md/Botocore#1.35.50 ua/2.0 os/macos#24.0.0 md/arch#arm64 lang/python#3.12.7 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.35.50",
            "aws-sdk-go-v2/1.32.2 ua/2.1 os/linux lang/go#1.23.2 md/GOOS#linux md/GOARCH#amd64 api/sts#1.32.2");

    static final String TERRAFORM = "APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-aws/5.73.0 "
            + "(+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.32.2 ua/2.1 os/linux lang/go#1.23.2 md/GOOS#linux md/GOARCH#amd64";
    static final String BOTO3_SERVER = "Boto3/1.35.36 md/Botocore#1.35.36 ua/2.0 os/linux#6.1.112-122.189.amzn2023.x86_64 md/arch#x86_64 "
            + "lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.35.36";
    static final String LAMBDA_PYTHON = "Boto3/1.34.145 md/Botocore#1.34.145 ua/2.0 os/linux#5.10.226-235.879.amzn2.x86_64 md/arch#x86_64 "
            + "lang/python#3.12.7 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy Botocore/1.34.145";
    static final String SSM_AGENT = "aws-sdk-go/1.55.5 (go1.22.7; linux; amd64) amazon-ssm-agent/3.3.1142.0";
    static final String GITHUB_CREDENTIALS_ACTION = "aws-sdk-js/3.682.0 ua/2.1 os/linux#6.5.0-1025-azure lang/js md/nodejs#20.18.0 "
            + "api/sts#3.682.0 configure-aws-credentials-for-github-actions";
    static final String GITHUB_CLI = "aws-cli/2.19.0 md/awscrt#0.22.0 ua/2.0 os/linux#6.5.0-1025-azure md/arch#x86_64 lang/python#3.12.6 "
            + "md/pyimpl#CPython exec-env/GitHubActions cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.24 md/prompt#off";
    static final String CONSOLE = "console.amazonaws.com";
    static final String S3_CONSOLE = "[S3Console/0.4, aws-internal/3 aws-sdk-java/1.12.770 Linux/5.10.226-192.879.amzn2int.x86_64 "
            + "OpenJDK_64-Bit_Server_VM/25.432-b06 java/1.8.0_432 vendor/Oracle_Corporation cfg/retry-mode/standard]";
    static final String AWS_INTERNAL = "AWS Internal";
    /** Tooling an intruder might run from a rented server. */
    static final String ATTACKER_CLI = "aws-cli/2.15.30 Python/3.11.8 Linux/6.6.9-amd64 exe/x86_64.kali.2024 prompt/off";
    static final String ATTACKER_SCRIPT = "python-requests/2.32.3";
}
