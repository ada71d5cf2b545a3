package eu.federator.server.cli;

import eu.federator.server.FederatorApplication;
import eu.federator.server.instance.ServerStarts;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.filter.TypeFilter;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * The server without its HTTP face, for the {@code catalogue} commands: the beans and properties of
 * {@link FederatorApplication} (database, graph, trust, catalogue), but no controllers, no HTTP security and no web layer,
 * which need a web server. Not recorded as a server start.
 *
 * <p>Neither {@code @SpringBootConfiguration} (Spring Boot tests of this package look for one to find the application,
 * and must keep finding {@link FederatorApplication}) nor {@code @Configuration} (the server's component scan would take
 * it in): a source class of {@code SpringApplication} needs neither.
 */
@EnableAutoConfiguration
@ConfigurationPropertiesScan(basePackageClasses = FederatorApplication.class)
@ComponentScan(basePackageClasses = FederatorApplication.class, excludeFilters = {
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = CatalogueCommandApplication.HttpOnly.class)})
class CatalogueCommandApplication {

    /** What only a web server needs, and what is no part of the application (the server's own entry, test configurations). */
    static final class HttpOnly implements TypeFilter {
        private static final String SERVER = FederatorApplication.class.getPackageName() + ".";

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            AnnotationMetadata type = reader.getAnnotationMetadata();
            String name = type.getClassName();
            return type.isAnnotated(Controller.class.getName()) || type.isAnnotated(ControllerAdvice.class.getName())
                    || name.startsWith(SERVER + "security.") || name.startsWith(SERVER + "web.")
                    || name.equals(FederatorApplication.class.getName()) || name.equals(ServerStarts.class.getName())
                    // nested test configurations of the server's tests, when this runs inside a test JVM
                    || type.isAnnotated("org.springframework.boot.test.context.TestConfiguration");
        }
    }
}
