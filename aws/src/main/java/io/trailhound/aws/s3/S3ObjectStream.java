package io.trailhound.aws.s3;

import io.trailhound.aws.AwsErrors;
import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An object's bytes, streamed: never whole in memory. The GET names the ETag that was listed
 * (If-Match), so the bytes read are the ones the ingest log will record; a connection lost in the
 * middle is picked up where it stopped with a ranged GET of the same ETag, a few times, before the
 * read fails. An object deleted or rewritten since it was listed fails with a message that says so.
 * The GETs are {@link S3Get}'s: SigV4 as the SDK signs it ({@link S3Signer}) over {@link
 * Http11Client}'s kept connections, with the SDK's retries, without its per-call pipeline.
 */
final class S3ObjectStream extends InputStream {
    private static final int RESUMES = 3;

    private final S3Get s3;
    private final S3Object object;
    private AbortableInputStream in;
    private long position;
    private int resumes;
    private boolean ended;

    private S3ObjectStream(S3Get s3, S3Object object) {
        this.s3 = s3;
        this.object = object;
    }

    static InputStream open(S3Client s3, S3Object object) throws IOException {
        return open(S3Get.of(s3, false), object);
    }

    static InputStream open(S3Get s3, S3Object object) throws IOException {
        S3ObjectStream s = new S3ObjectStream(s3, object);
        s.in = s.get(0);
        return s;
    }

    private AbortableInputStream get(long from) throws IOException {
        try {
            return s3.get(object, from);
        } catch (SdkException e) {
            String code = AwsErrors.code(e).orElse("");
            if (code.equals("NoSuchKey") || AwsErrors.status(e) == 404) {
                throw new ObjectGoneException("object deleted after it was listed (NoSuchKey): " + object.url(), e);
            }
            if (code.equals("PreconditionFailed") || AwsErrors.status(e) == 412) {
                throw new ObjectGoneException("object rewritten after it was listed (its ETag changed): " + object.url()
                        + "; the next run reads the new version", e);
            }
            throw new ObjectReadException(AwsErrors.explain("s3:GetObject", object.url(), e), AwsErrors.transientFailure(e), e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (true) {
            try {
                int n = in.read(b, off, len);
                if (n > 0) {
                    position += n;
                } else if (n < 0) {
                    ended = true;
                }
                return n;
            } catch (IOException | SdkException e) {
                if (resumes++ >= RESUMES) {
                    throw new ObjectReadException("reading " + object.url() + " failed at byte " + position + " after "
                            + RESUMES + " resumes: " + e.getMessage(), true, e);
                }
                closeQuietly();
                in = get(position);
            }
        }
    }

    private void closeQuietly() {
        try {
            in.abort();
            in.close();
        } catch (IOException | RuntimeException ignored) {
            // the connection is dropped either way
        }
    }

    @Override
    public void close() throws IOException {
        if (!ended) {
            in.abort(); // drop the connection rather than drain a large unread rest (a read stopped by damage or a limit)
        }
        in.close(); // read to its end: the connection is kept for the next object
    }

    /** The object is no longer there as listed: counted, not retried. */
    public static final class ObjectGoneException extends IOException {
        ObjectGoneException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The object could not be read; {@link #transientFailure} when trying again later may work. */
    public static final class ObjectReadException extends IOException {
        private final boolean transientFailure;

        ObjectReadException(String message, boolean transientFailure, Throwable cause) {
            super(message, cause);
            this.transientFailure = transientFailure;
        }

        public boolean transientFailure() {
            return transientFailure;
        }
    }
}
