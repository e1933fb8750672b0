package io.trailhound.bench.s3;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.reference.FilesystemConstants;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import io.trailhound.aws.AwsSettings;

/**
 * S3Proxy in this JVM over jclouds' filesystem blob store (objects are files under {@code baseDir},
 * served from the page cache as the local scan's files are), on a free loopback port, with SigV4
 * authentication as real S3 has. Lives in the bench module: S3Proxy never reaches the shipped jar.
 */
final class LocalS3Endpoint implements AutoCloseable {
    private static final String ACCESS_KEY = "AKIDBENCHBENCHBENCH";
    private static final String SECRET_KEY = "bench-secret-not-a-credential";

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final URI endpoint;

    LocalS3Endpoint(Path baseDir) throws Exception {
        Properties p = new Properties();
        p.setProperty(FilesystemConstants.PROPERTY_BASEDIR, baseDir.toString());
        context = ContextBuilder.newBuilder("filesystem").overrides(p).build(BlobStoreContext.class);
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

    /** As {@code --endpoint-url http://127.0.0.1:PORT --region us-east-1} with this server's keys. */
    AwsSettings settings() {
        return AwsSettings.of(null, "us-east-1", endpoint.toString())
                .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
