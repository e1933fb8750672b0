package io.trailhound.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * S3Proxy in this JVM over jclouds' in-memory blob store: a real S3 protocol server on a free
 * loopback port, with SigV4 authentication, for the duration of a test.
 */
public final class LocalS3 implements AutoCloseable {
    public static final String ACCESS_KEY = "AKIDTESTTESTTEST";
    public static final String SECRET_KEY = "test-secret-not-a-credential";

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final URI endpoint;

    public LocalS3() throws Exception {
        context = ContextBuilder.newBuilder("transient").credentials("id", "secret").overrides(new Properties())
                .build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(5);
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Settings that reach this server with its test keys, with quick retries. */
    public AwsSettings settings() {
        return TestAws.settings(endpoint);
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
        proxy.stop();
        context.close();
    }
}
