package io.github.slim4j.kernel.magic;

import io.github.slim4j.kernel.maven.ArtifactResolver;
import io.github.slim4j.kernel.maven.DownloadProgress;
import io.github.slim4j.kernel.maven.MavenSettings;
import io.github.slim4j.kernel.maven.ResolutionException;
import io.github.slim4j.kernel.maven.ResolvedArtifact;
import io.github.slim4j.magics.Magic;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.grammar.Flag;
import io.github.slim4j.magics.grammar.Option;
import io.github.slim4j.magics.grammar.Parameter;
import io.github.slim4j.magics.grammar.Positional;
import io.github.slim4j.magics.grammar.Rule;
import io.github.slim4j.magics.grammar.Syntax;
import io.github.slim4j.magics.grammar.Text;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code %maven GROUP:ARTIFACT:VERSION...}: resolves artifacts and their runtime dependencies with
 * Maven Resolver, honouring {@code ~/.m2/settings.xml}, and adds their jars to the class path, as
 * IJava's {@code %maven} does. All or nothing: when one artifact cannot be resolved, none is added.
 */
public final class MavenMagic implements Magic {

    static final Positional<String> COORDINATES = Positional.zeroOrMore("COORDINATES",
            new Text("COORDINATES", "GROUP:ARTIFACT:VERSION"), "the artifacts to add, with their dependencies");
    static final Flag LIST = Flag.of("--list", "list the artifacts %maven added in this session");
    static final Option<String> REPOSITORIES = Option.of("--repo",
            new Text("URL[,URL...]", "repository URLs separated by commas"), "repositories to search after Maven Central");

    private static final Set<String> REPOSITORY_SCHEMES = Set.of("http", "https", "file");

    private static final Syntax SYNTAX = Syntax.builder("maven", "Add Maven artifacts and their dependencies to the class path")
            .description("Resolves each GROUP:ARTIFACT:VERSION (or GROUP:ARTIFACT:EXTENSION[:CLASSIFIER]:VERSION) with"
                    + " its runtime dependencies, as Maven would, from Maven Central and the `--repo` repositories,"
                    + " and adds their jars to the class path of the cells that follow. It honours `~/.m2/settings.xml`:"
                    + " the local repository, offline mode, mirrors, proxies and server credentials. Downloads show"
                    + " progress. When one artifact cannot be resolved, none is added. `--list` shows what was added.")
            .positional(COORDINATES)
            .flag(LIST)
            .option(REPOSITORIES)
            .rule(new Rule.OneOf(List.<Parameter>of(COORDINATES, LIST)))
            .rule(Rule.Requires.present(REPOSITORIES, COORDINATES))
            .example("%maven com.google.code.gson:gson:2.11.0")
            .example("%maven org.apache.commons:commons-math3:3.6.1 --repo https://repo.example.com/maven2/")
            .example("%maven --list")
            .build();

    private final ExtraClassPath classPath;
    private final Path settingsFile;
    private final Path userHome;
    private final List<ResolvedArtifact> added = new ArrayList<>();

    /** Reads the settings where Maven does: {@code ~/.m2/settings.xml}. */
    public MavenMagic(ExtraClassPath classPath) {
        this(classPath, Path.of(System.getProperty("user.home")));
    }

    MavenMagic(ExtraClassPath classPath, Path userHome) {
        this.classPath = classPath;
        this.userHome = userHome;
        this.settingsFile = userHome.resolve(".m2").resolve("settings.xml");
    }

    @Override
    public Syntax syntax() {
        return SYNTAX;
    }

    @Override
    public Table run(Arguments arguments, MagicContext context) {
        Table table;
        if (arguments.isSet(LIST)) {
            table = table("artifacts added by %maven in this session", added);
        } else {
            List<ResolvedArtifact> resolved = resolve(arguments.all(COORDINATES), repositories(arguments), context);
            addToClassPath(resolved);
            table = table("artifacts added", resolved);
        }
        context.out().table(table);
        return table;
    }

    private List<ResolvedArtifact> resolve(List<String> coordinates, List<String> repositories, MagicContext context) {
        DownloadProgress progress = new DownloadProgress(() -> context.out().progress("%maven"));
        boolean complete = false;
        try {
            MavenSettings settings = MavenSettings.read(settingsFile, userHome);
            List<ResolvedArtifact> resolved = new ArtifactResolver(settings, repositories, progress).resolve(coordinates);
            complete = true;
            return resolved;
        } catch (ResolutionException e) {
            throw new MagicException("%maven: " + e.getMessage() + "; nothing was added to the class path");
        } finally {
            progress.finish(complete);
        }
    }

    private void addToClassPath(List<ResolvedArtifact> resolved) {
        Set<Path> present = Set.copyOf(classPath.added());
        for (ResolvedArtifact artifact : resolved) {
            if (!present.contains(artifact.jar())) {
                classPath.add(artifact.jar());
            }
            if (!added.contains(artifact)) {
                added.add(artifact);
            }
        }
    }

    private static List<String> repositories(Arguments arguments) {
        List<String> urls = new ArrayList<>();
        for (String url : arguments.optional(REPOSITORIES).map(text -> text.split(",")).orElse(new String[0])) {
            if (!isRepositoryUrl(url.strip())) {
                throw new MagicException("%maven: --repo '" + url.strip() + "' is not a repository URL; give http://, https:// or file: URLs separated by commas");
            }
            urls.add(url.strip());
        }
        return urls;
    }

    private static boolean isRepositoryUrl(String text) {
        try {
            URI uri = new URI(text);
            return uri.getScheme() != null && REPOSITORY_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static Table table(String title, List<ResolvedArtifact> artifacts) {
        StringColumn coordinates = StringColumn.create("coordinates");
        StringColumn jar = StringColumn.create("jar");
        for (ResolvedArtifact artifact : artifacts) {
            coordinates.append(artifact.coordinates());
            jar.append(artifact.jar().toString());
        }
        return Table.create(title, coordinates, jar);
    }
}
