package parallellab.kernel.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Resolves Maven coordinates ({@code group:artifact:version}, or with extension and classifier)
 * with their runtime dependencies from Maven Central into the local repository, the way
 * {@code mvn dependency:resolve} does, and returns the jars' paths. Maven Resolver's own defaults
 * (the "mvn3" supplier) do the work: version conflicts are settled as Maven settles them.
 *
 * <p>It is loaded by its own class loader ({@code MavenArtifacts}), so the resolver's libraries
 * never shadow the versions a cell asks for. Hence the plain JDK types in and out: coordinates in,
 * jar paths as strings out. Failures come out as {@link IllegalArgumentException} with a one-line
 * message.
 */
public final class Resolution implements Function<List<String>, List<String>> {

    static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    private final Path localRepository;

    public Resolution() {
        this(Path.of(System.getProperty("user.home"), ".m2", "repository"));
    }

    Resolution(Path localRepository) {
        this.localRepository = localRepository;
    }

    @Override
    public List<String> apply(List<String> coordinates) {
        CollectRequest collect = new CollectRequest();
        for (String coordinate : coordinates) {
            try {
                collect.addDependency(new Dependency(new DefaultArtifact(coordinate), "runtime"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + coordinate + "' is not a Maven coordinate (group:artifact:version)");
            }
        }
        collect.addRepository(new RemoteRepository.Builder("central", "default", CENTRAL).build());
        RepositorySystem system = new RepositorySystemSupplier().get();
        try (RepositorySystemSession.CloseableSession session = new SessionBuilderSupplier(system).get()
                .withLocalRepositoryBaseDirectories(localRepository)
                .build()) {
            DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter("runtime"));
            List<String> jars = new ArrayList<>();
            for (ArtifactResult result : system.resolveDependencies(session, request).getArtifactResults()) {
                if (result.getArtifact() != null && result.getArtifact().getPath() != null) {
                    jars.add(result.getArtifact().getPath().toString());
                }
            }
            return jars;
        } catch (DependencyResolutionException e) {
            throw new IllegalArgumentException(firstLine(e));
        } finally {
            system.shutdown();
        }
    }

    /** The innermost cause is the one that names the artifact that could not be had. */
    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause().getMessage() != null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? e.toString() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
