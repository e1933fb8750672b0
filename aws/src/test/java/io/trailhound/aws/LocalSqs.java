package io.trailhound.aws;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;

/** ElasticMQ in this JVM: a real SQS protocol server on a free loopback port. */
public final class LocalSqs implements AutoCloseable {
    private final SQSRestServer server;
    private final URI endpoint;

    public LocalSqs() {
        server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        endpoint = URI.create("http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort());
    }

    public URI endpoint() {
        return endpoint;
    }

    public SqsClient client() {
        AwsSettings s = TestAws.settings(endpoint);
        return s.configure(SqsClient.builder(), s.credentials()).httpClient(AwsSettings.sharedHttpClient()).build();
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
