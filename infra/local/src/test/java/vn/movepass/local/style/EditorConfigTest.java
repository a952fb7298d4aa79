package vn.movepass.local.style;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The sources keep the root {@code .editorconfig}: UTF-8, a final newline, no trailing whitespace, spaces (no
 * tabs) for indentation, and lines of at most {@code max_line_length} characters. Checks the files git knows
 * (tracked, or new and not ignored) with a source extension, except third-party code ({@code web/vendor/})
 * and generated data ({@code web/data/units.json}); Markdown is left out (tables and test vectors do not wrap).
 */
class EditorConfigTest {
    private static final Set<String> SOURCES = Set.of("java", "js", "mjs", "html", "css", "xml", "yaml", "yml", "json",
            "sh", "py", "properties");
    /** Sources without an extension. */
    private static final Set<String> SCRIPTS = Set.of(".ci/run");
    private static final List<String> NOT_OURS = List.of("web/vendor/", "web/data/units.json", "node_modules/");

    private final Path root = repositoryRoot();
    private final Map<String, String> defaults = section(root.resolve(".editorconfig"), "*");
    private final int maxLineLength = Integer.parseInt(defaults.get("max_line_length"));

    @Test
    void theEditorConfigSaysWhatThisTestChecks() {
        assertEquals("utf-8", defaults.get("charset"));
        assertEquals("true", defaults.get("insert_final_newline"));
        assertEquals("true", defaults.get("trim_trailing_whitespace"));
        assertEquals("space", defaults.get("indent_style"));
        assertEquals(140, maxLineLength);
        assertTrue(sources(p -> true).size() > 100, "the sources are found: " + sources(p -> true).size());
    }

    @Test
    void sourcesOtherThanJavaKeepTheStyle() {
        List<String> problems = new ArrayList<>();
        for (String file : sources(f -> !f.endsWith(".java"))) {
            problems.addAll(check(file, true));
        }
        assertEquals(List.of(), problems, "against .editorconfig");
    }

    @Test
    void javaSourcesAreUtf8EndWithANewlineAndIndentWithSpaces() {
        List<String> problems = new ArrayList<>();
        for (String file : sources(f -> f.endsWith(".java"))) {
            problems.addAll(check(file, false));
        }
        assertEquals(List.of(), problems, "against .editorconfig");
    }

    @Test
    void javaLinesAreAtMost140Characters() {
        List<String> problems = new ArrayList<>();
        for (String file : sources(f -> f.endsWith(".java"))) {
            problems.addAll(check(file, true).stream().filter(p -> p.contains("characters")).toList());
        }
        assertEquals(List.of(), problems, "against .editorconfig");
    }

    /** What is wrong with one file, each as "path:line: problem". */
    private List<String> check(String file, boolean lineLength) {
        List<String> problems = new ArrayList<>();
        byte[] bytes = read(root.resolve(file));
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return List.of(file + ": not UTF-8");
        }
        if (!text.isEmpty() && !text.endsWith("\n")) {
            problems.add(file + ": no newline at the end");
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String where = file + ":" + (i + 1) + ": ";
            int length = line.codePointCount(0, line.length());
            if (lineLength && length > maxLineLength) {
                problems.add(where + length + " characters (at most " + maxLineLength + ")");
            }
            if (line.endsWith("\r")) {
                problems.add(where + "CRLF line end");
            } else if (!line.isEmpty() && Character.isWhitespace(line.charAt(line.length() - 1))) {
                problems.add(where + "trailing whitespace");
            }
            if (line.matches("^ *\t.*")) {
                problems.add(where + "a tab in the indentation");
            }
        }
        return problems;
    }

    /** The files git knows (tracked, or new and not ignored) that are our sources, relative to the root, with '/'. */
    private List<String> sources(Predicate<String> which) {
        return known().stream()
                .filter(f -> SCRIPTS.contains(f) || SOURCES.contains(f.substring(f.lastIndexOf('.') + 1)))
                .filter(f -> NOT_OURS.stream().noneMatch(f::startsWith))
                .filter(f -> Files.isRegularFile(root.resolve(f)))
                .filter(which)
                .sorted().toList();
    }

    private List<String> known() {
        try {
            Process git = new ProcessBuilder("git", "ls-files", "--cached", "--others", "--exclude-standard", "-z")
                    .directory(root.toFile()).redirectErrorStream(false).start();
            byte[] out = git.getInputStream().readAllBytes();
            if (git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0) {
                return List.of(new String(out, StandardCharsets.UTF_8).split("\0"));
            }
        } catch (IOException e) {
            // no git here (e.g. a source archive): walk the tree instead
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(f -> !f.startsWith(".git/") && !f.contains("target/") && !f.contains("node_modules/"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The properties of one section of an .editorconfig file, e.g. [*]. */
    static Map<String, String> section(Path file, String glob) {
        Map<String, String> out = new LinkedHashMap<>();
        boolean in = false;
        for (String line : new String(read(file), StandardCharsets.UTF_8).lines().toList()) {
            String s = line.trim();
            if (s.isEmpty() || s.startsWith("#") || s.startsWith(";")) {
                continue;
            }
            if (s.startsWith("[")) {
                in = s.equals("[" + glob + "]");
            } else if (in && s.contains("=")) {
                out.put(s.substring(0, s.indexOf('=')).trim(), s.substring(s.indexOf('=') + 1).trim());
            }
        }
        return out;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The checkout's root: the folder with .editorconfig and template.yaml, found upwards from the working directory. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(".editorconfig")) && Files.isRegularFile(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no .editorconfig next to template.yaml above " + Path.of("").toAbsolutePath());
    }
}
