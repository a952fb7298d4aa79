import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Moves every jar of a directory to another, rewritten with its entries STORED (uncompressed), same names, same order, same
 * bytes, every timestamp fixed. Run by the parent pom's lambda-zip profile between copy-dependencies and the
 * assembly:
 *
 * <pre>java build/StoredJars.java FROM_DIR TO_DIR OUTPUT_TIMESTAMP</pre>
 *
 * Why: the Lambda zip then deflates each jar whole, which compresses about 30 % better than deflating each class
 * on its own (a jar's classes share most of their constant-pool strings), and once Lambda has unpacked the zip
 * the runtime reads classes from lib/ without inflating them. No stock Maven plugin re-stores dependency jars.
 */
public final class StoredJars {
    private StoredJars() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: java StoredJars.java FROM_DIR TO_DIR OUTPUT_TIMESTAMP");
            System.exit(2);
        }
        Path from = Path.of(args[0]);
        Path to = Path.of(args[1]);
        Instant instant = Instant.parse(args[2]);
        long time = instant.toEpochMilli();
        LocalDateTime local = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        Files.createDirectories(to);
        try (Stream<Path> old = Files.list(to)) {
            for (Path p : (Iterable<Path>) old::iterator) {
                Files.delete(p);
            }
        }
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(from)) {
            files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
        }
        for (Path jar : jars) {
            Path out = to.resolve(jar.getFileName());
            restore(jar, out, local);
            Files.setLastModifiedTime(out, FileTime.fromMillis(time));
            Files.delete(jar); // a move: no jar of an earlier build's classpath lingers for the next one
        }
    }

    private static void restore(Path jar, Path out, LocalDateTime time) throws IOException {
        Set<String> seen = new HashSet<>();
        try (ZipFile in = new ZipFile(jar.toFile());
             ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            zip.setMethod(ZipOutputStream.STORED);
            Enumeration<? extends ZipEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry source = entries.nextElement();
                if (!seen.add(source.getName())) {
                    continue;
                }
                byte[] bytes;
                try (InputStream data = in.getInputStream(source)) {
                    bytes = data.readAllBytes();
                }
                ZipEntry entry = new ZipEntry(source.getName());
                entry.setMethod(ZipEntry.STORED);
                entry.setTimeLocal(time); // a DOS date-time, the same in every time zone
                entry.setSize(bytes.length);
                entry.setCompressedSize(bytes.length);
                CRC32 crc = new CRC32();
                crc.update(bytes);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(bytes);
                zip.closeEntry();
            }
        }
    }
}
