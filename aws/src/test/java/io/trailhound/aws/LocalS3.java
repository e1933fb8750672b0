package io.trailhound.aws;

import io.trailhound.s3local.S3ProxyServer;
import java.net.URI;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * S3Proxy in this JVM over an in-memory store ({@link S3ProxyServer}): a real S3 protocol server on
 * a free loopback port, with SigV4 authentication, for the duration of a test; with the clients and
 * settings that reach it.
 */
public final class LocalS3 implements AutoCloseable {
    public static final String ACCESS_KEY = S3ProxyServer.ACCESS_KEY;
    public static final String SECRET_KEY = S3ProxyServer.SECRET_KEY;

    private final S3ProxyServer server;

    public LocalS3() throws Exception {
        server = S3ProxyServer.inMemory();
    }

    public URI endpoint() {
        return server.endpoint();
    }

    /** Settings that reach this server with its test keys, with quick retries. */
    public AwsSettings settings() {
        return TestAws.settings(endpoint());
    }

    public S3Client client() {
        return io.trailhound.aws.s3.S3Clients.create(settings());
    }

    public void bucket(S3Client s3, String name) {
        s3.createBucket(CreateBucketRequest.builder().bucket(name).build());
    }

    public static void put(S3Client s3, String bucket, String key, byte[] body) {
        s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).build(), RequestBody.fromBytes(body));
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
