package vn.movepass.shared.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.Platform;

/**
 * The exports bucket through the S3 API. An object is written with one PutObject when it fits in one 8 MiB part,
 * else as a multipart upload of 8 MiB parts: memory stays at one part whatever the file's size. A failed upload
 * is aborted, so no partial object ever appears.
 */
public final class S3ExportSink implements ExportSink {
    static final int PART_SIZE = 8 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;

    public S3ExportSink(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** The function's sink: the platform's S3 client and the bucket the template names. */
    public static S3ExportSink create(Platform p) {
        return new S3ExportSink(p.s3(), p.environment().require(EnvKey.EXPORTS_BUCKET));
    }

    @Override
    public OutputStream create(String key, String contentType) {
        return new ObjectStream(key, contentType);
    }

    @Override
    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    @Override
    public List<String> list(String prefix) {
        List<String> keys = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().forEach(o -> keys.add(o.key()));
        return keys;
    }

    @Override
    public String uri(String key) {
        return "s3://" + bucket + "/" + key;
    }

    /** Buffers one part; the first full part starts a multipart upload. */
    private final class ObjectStream extends OutputStream {
        private final String key;
        private final String contentType;
        private final byte[] buffer = new byte[PART_SIZE];
        private int filled;
        private String uploadId;
        private final List<CompletedPart> parts = new ArrayList<>();
        private boolean closed;

        ObjectStream(String key, String contentType) {
            this.key = key;
            this.contentType = contentType;
        }

        @Override
        public void write(int b) throws IOException {
            if (filled == buffer.length) {
                flushPart();
            }
            buffer[filled++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (filled == buffer.length) {
                    flushPart();
                }
                int n = Math.min(len, buffer.length - filled);
                System.arraycopy(b, off, buffer, filled, n);
                filled += n;
                off += n;
                len -= n;
            }
        }

        private void flushPart() throws IOException {
            try {
                if (uploadId == null) {
                    uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType)
                            .serverSideEncryption(ServerSideEncryption.AES256)).uploadId();
                }
                int number = parts.size() + 1;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                        RequestBody.fromBytes(java.util.Arrays.copyOf(buffer, filled))).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                filled = 0;
            } catch (RuntimeException e) {
                abort();
                throw new IOException("upload of " + key + " failed", e);
            }
        }

        private void abort() {
            if (uploadId != null) {
                String id = uploadId;
                uploadId = null;
                try {
                    s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id));
                } catch (RuntimeException ignored) {
                    // the bucket's lifecycle rule aborts incomplete uploads too
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            if (uploadId == null) {
                try {
                    s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType)
                                    .serverSideEncryption(ServerSideEncryption.AES256),
                            RequestBody.fromBytes(java.util.Arrays.copyOf(buffer, filled)));
                } catch (RuntimeException e) {
                    throw new IOException("upload of " + key + " failed", e);
                }
                return;
            }
            if (filled > 0) {
                flushPart();
            }
            try {
                String id = uploadId;
                s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id)
                        .multipartUpload(m -> m.parts(parts)));
            } catch (RuntimeException e) {
                abort();
                throw new IOException("upload of " + key + " failed", e);
            }
        }
    }
}
