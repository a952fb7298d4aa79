package vn.movepass.shared.export;

import java.io.OutputStream;
import java.util.List;

/** Where export objects go (the exports bucket). Objects are streamed: a writer never holds a whole file. */
public interface ExportSink {
    /** A stream whose bytes become object {@code key} when it is closed (nothing is visible before). */
    OutputStream create(String key, String contentType);

    void delete(String key);

    /** Keys under a prefix. */
    List<String> list(String prefix);

    /** The address an Athena symlink file points at, e.g. {@code s3://bucket/key}. */
    String uri(String key);
}
