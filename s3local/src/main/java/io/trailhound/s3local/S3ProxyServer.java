package io.trailhound.s3local;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.reference.FilesystemConstants;

/**
 * S3Proxy: a real S3 protocol server on a free loopback port, with SigV4 authentication, over
 * jclouds' in-memory blob store (tests) or its filesystem store (objects are files under a folder,
 * served from the page cache as local files are: the bench). The one copy of starting S3Proxy and
 * waiting for it; {@link #main} runs it as a process of its own. The bench may ask for a second
 * endpoint over the same objects that leaves signatures unchecked ({@link #startUnchecked}).
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "AKIDTESTTESTTEST";
    public static final String SECRET_KEY = "test-secret-not-a-credential";
    /** What {@link #main} prints first on stdout, followed by the endpoint URL. */
    public static final String READY = "s3proxy-endpoint ";
    /** What {@link #main} prints before {@link #READY} when asked for an {@link #startUnchecked unchecked} endpoint too. */
    public static final String UNCHECKED = "s3proxy-unchecked-endpoint ";

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final BlobStore store;
    private final URI endpoint;
    private S3Proxy unchecked;

    /** Over an in-memory store, gone when closed. */
    public static S3ProxyServer inMemory() throws Exception {
        return new S3ProxyServer(inMemoryContext(), false);
    }

    /**
     * Over an in-memory store whose listing pages cost what they hold, as S3's do ({@link
     * IndexedListing}); the protocol, signatures and GETs are S3Proxy's and jclouds' as in {@link #inMemory}.
     */
    public static S3ProxyServer inMemoryIndexed() throws Exception {
        return new S3ProxyServer(inMemoryContext(), true);
    }

    /** jclouds' in-memory ("transient") blob store. */
    static BlobStoreContext inMemoryContext() {
        return ContextBuilder.newBuilder("transient").credentials("id", "secret").overrides(new Properties())
                .build(BlobStoreContext.class);
    }

    /** Over a folder: each bucket a subfolder, each object a file. */
    public static S3ProxyServer overFolder(Path baseDir) throws Exception {
        Properties p = new Properties();
        p.setProperty(FilesystemConstants.PROPERTY_BASEDIR, baseDir.toString());
        return new S3ProxyServer(ContextBuilder.newBuilder("filesystem").overrides(p).build(BlobStoreContext.class), false);
    }

    private S3ProxyServer(BlobStoreContext context, boolean indexedListing) throws Exception {
        this.context = context;
        this.store = indexedListing ? new IndexedListing(context.getBlobStore()) : context.getBlobStore();
        proxy = started(AuthenticationType.AWS_V2_OR_V4);
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** S3Proxy over this server's store on a free loopback port, once it serves. */
    private S3Proxy started(AuthenticationType authentication) throws Exception {
        S3Proxy p = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(authentication, ACCESS_KEY, SECRET_KEY).build();
        p.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!AbstractLifeCycle.STARTED.equals(p.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + p.getState());
            }
            Thread.sleep(5);
        }
        return p;
    }

    /**
     * A second endpoint over the same objects that does not check signatures (S3Proxy's
     * {@code AuthenticationType.NONE}): requests are still signed by the client as for AWS, but the
     * server's cost of checking them (40% of its CPU in the bench), which S3 pays on its own machines, is
     * left out. For the bench, beside the checking endpoint, never instead of it; loopback only.
     */
    public URI startUnchecked() throws Exception {
        if (unchecked == null) {
            unchecked = started(AuthenticationType.NONE);
        }
        return URI.create("http://127.0.0.1:" + unchecked.getPort());
    }

    /**
     * S3Proxy over an in-memory store ({@code memory}; {@code indexed}: {@link #inMemoryIndexed}) or a folder ({@code folder DIR}) in this
     * process until stdin ends (the parent closes it or exits): prints {@link #READY} and the
     * endpoint on stdout once it answers.
     */
    public static void main(String[] args) throws Exception {
        boolean withUnchecked = args.length > 0 && args[args.length - 1].equals("unchecked");
        int n = withUnchecked ? args.length - 1 : args.length;
        boolean memory = n == 1 && args[0].equals("memory");
        boolean indexed = n == 1 && args[0].equals("indexed");
        if (!memory && !indexed && !(n == 2 && args[0].equals("folder"))) {
            System.err.println("usage: S3ProxyServer (memory | indexed | folder BASE_DIR) [unchecked]");
            System.exit(2);
        }
        try (S3ProxyServer s3 = memory ? inMemory() : indexed ? inMemoryIndexed() : overFolder(Path.of(args[1]))) {
            if (withUnchecked) {
                System.out.println(UNCHECKED + s3.startUnchecked());
            }
            System.out.println(READY + s3.endpoint());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                // nothing is read from the parent: its end is the signal to stop
            }
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws Exception {
        if (unchecked != null) {
            unchecked.stop();
        }
        proxy.stop();
        context.close();
    }
}
