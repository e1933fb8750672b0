package io.trailhound.aws.s3;

import io.trailhound.aws.AwsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.impl.bootstrap.HttpRequester;
import org.apache.hc.core5.http.impl.bootstrap.RequesterBootstrap;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.ssl.SSLContexts;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * S3's GETs and HEADs over Apache HttpClient 5 classic: a pooled connection manager, kept-alive
 * connections, the JDK's trust store and host-name check, no proxy (requests through one stay on the
 * SDK's URL-connection client, as {@link Http11Client#direct} decides), no decompression (trail
 * objects are read as stored), one resend of an idempotent request on a dropped kept connection and
 * no retry on a status (the SDK's retry strategy in {@link S3Http} decides those).
 */
final class ApacheHttp implements AutoCloseable {
    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient client;
    /** httpcore5's classic requester instead of the client (no exec chain), when not null. */
    private final HttpRequester core;
    private final Timeout connectTimeout;

    private static final class Shared {
        static final ApacheHttp CLIENT = new ApacheHttp(AwsSettings.CONNECT_TIMEOUT, AwsSettings.SOCKET_TIMEOUT, Http11Client.IDLE_LIMIT, false);
        static final ApacheHttp CORE = new ApacheHttp(AwsSettings.CONNECT_TIMEOUT, AwsSettings.SOCKET_TIMEOUT, Http11Client.IDLE_LIMIT, true);
    }

    /** One client, one pool of kept connections, for every S3 client in the process (made on first use). */
    static ApacheHttp shared(boolean core) {
        return core ? Shared.CORE : Shared.CLIENT;
    }

    ApacheHttp(Duration connectTimeout, Duration readTimeout, Duration idleLimit, boolean coreOnly) {
        this.connectTimeout = Timeout.of(connectTimeout);
        core = !coreOnly ? null : RequesterBootstrap.bootstrap()
                .setSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.of(readTimeout)).setSoKeepAlive(true).setTcpNoDelay(true).build())
                .setSslContext(SSLContexts.createSystemDefault())
                .setSslSetupHandler(p -> p.setEndpointIdentificationAlgorithm("HTTPS"))
                .setMaxTotal(256).setDefaultMaxPerRoute(64).create();
        connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(256).setMaxConnPerRoute(64)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout)).setSocketTimeout(Timeout.of(readTimeout))
                        .setTimeToLive(TimeValue.NEG_ONE_MILLISECOND)
                        .setValidateAfterInactivity(TimeValue.of(idleLimit)).build())
                .build();
        client = HttpClients.custom().setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom().setRedirectsEnabled(false).build())
                .setRetryStrategy(new DefaultHttpRequestRetryStrategy(1, TimeValue.ZERO_MILLISECONDS) {
                    @Override
                    public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
                        return false; // a status is the SDK retry strategy's to judge
                    }
                })
                .evictIdleConnections(TimeValue.of(idleLimit))
                .disableContentCompression().disableCookieManagement().disableAuthCaching().disableRedirectHandling()
                .build();
    }

    /** As {@link Http11Client#send(SdkHttpRequest, S3Signer.Signature)}. */
    Http11Client.Answer send(SdkHttpRequest request, S3Signer.Signature signature) throws IOException {
        String path = request.encodedPath().isEmpty() ? "/" : request.encodedPath();
        String target = request.encodedQueryParameters().map(q -> path + "?" + q).orElse(path);
        BasicClassicHttpRequest r = new BasicClassicHttpRequest(request.method().name(),
                new HttpHost(request.protocol(), request.host(), request.port()), target);
        request.forEachHeader((name, values) -> values.forEach(v -> r.addHeader(name, v)));
        if (signature != null) {
            signature.forEachHeader(r::addHeader);
        }
        ClassicHttpResponse response;
        if (core != null) {
            try {
                response = core.execute(new HttpHost(request.protocol(), request.host(), request.port()), r, connectTimeout,
                        HttpCoreContext.create());
            } catch (HttpException e) {
                throw new IOException(e);
            }
        } else {
            response = client.executeOpen(null, r, null);
        }
        List<String> headers = new ArrayList<>(24);
        for (Header h : response.getHeaders()) {
            headers.add(h.getName());
            headers.add(h.getValue());
        }
        HttpEntity entity = response.getEntity();
        InputStream content = entity == null ? InputStream.nullInputStream() : entity.getContent();
        return new Http11Client.Answer(response.getCode(), response.getReasonPhrase(), headers,
                AbortableInputStream.create(content, () -> {
                    try {
                        response.close(); // an unread body: the connection is dropped, not kept
                    } catch (IOException ignored) {
                        // closing what is given up
                    }
                }));
    }

    @Override
    public void close() throws IOException {
        client.close();
        if (core != null) {
            core.close();
        }
    }
}
