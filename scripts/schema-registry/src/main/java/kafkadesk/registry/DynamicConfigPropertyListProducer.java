package kafkadesk.registry;

import io.apicurio.common.apps.config.DynamicConfigPropertyList;
import java.util.List;
import javax.enterprise.inject.Produces;
import javax.inject.Singleton;

// Stands in for the build step of apicurio-common-app-components-config-index,
// whose deployment artifact is not on Maven Central. That step listed the
// properties an administrator may change at run time; none here: the tests
// run the registry with its defaults.
public class DynamicConfigPropertyListProducer {
    @Produces
    @Singleton
    DynamicConfigPropertyList dynamicConfigProperties() {
        return new DynamicConfigPropertyList(List.of());
    }
}
