package io.trailhound.aws.sqs;

import io.trailhound.aws.AwsSettings;
import io.trailhound.aws.TestAws;
import io.trailhound.aws.s3.S3Clients;
import io.trailhound.core.identity.TrustPolicies;
import io.trailhound.core.ingest.ReadLimits;
import io.trailhound.core.rules.RuleFormats;
import io.trailhound.core.rules.engine.Detector;
import io.trailhound.core.rules.engine.RuleSet;
import io.trailhound.core.scan.ScanOptions;
import io.trailhound.store.EventStore;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The watch service in a child JVM, assembled as the CLI's watch command assembles it (store,
 * built-in rules, alerts appended to a file after each commit, a shutdown hook that finishes the
 * batch in hand), for what one JVM cannot show: a kill -9 in the middle of a batch.
 * Args: SQS endpoint, S3 endpoint, queue URL, store file, alerts file.
 */
public final class WatchChild {
    public static void main(String[] args) throws Exception {
        AwsSettings sqsSettings = TestAws.settings(URI.create(args[0]));
        Detector detector = new Detector(new RuleSet(RuleFormats.builtin().rules()));
        try (EventStore store = EventStore.open(args[3], false);
             SqsClient sqs = sqsSettings.configure(SqsClient.builder(), sqsSettings.credentials())
                     .httpClient(AwsSettings.sharedHttpClient()).build();
             S3Client s3 = S3Clients.create(TestAws.settings(URI.create(args[1])));
             PrintStream alerts = new PrintStream(new FileOutputStream(args[4], true), true, StandardCharsets.UTF_8)) {
            WatchService.Config c = new WatchService.Config(args[2], 1, 2, Duration.ofSeconds(2), Duration.ofMillis(200),
                    new ScanOptions(ReadLimits.defaults(), 2, null), TrustPolicies.none(), detector, null);
            WatchService w = new WatchService(c, sqs, s3, store, a -> alerts.println(a.event().eventID() + " " + a.rule().name()),
                    System.err, new WatchService.Listener() {
                        @Override
                        public void settled(int deleted, int kept) {
                            System.err.println("settled " + deleted + " " + kept);
                        }
                    });
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                w.stop();
                try {
                    w.awaitStopped(Duration.ofSeconds(60));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            w.run();
        }
    }
}
