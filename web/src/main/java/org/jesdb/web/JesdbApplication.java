package org.jesdb.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The REST API, under {@code /api}. */
@ApplicationPath("api")
@OpenAPIDefinition(
        info = @Info(title = "JESDB", version = "0.1.0",
                description = "A distributed event store for event-sourced systems. Errors are application/problem+json "
                        + "with a stable type (urn:jesdb:problem:...); 400 names the field that is wrong.",
                license = @License(name = "Apache-2.0")),
        tags = {
                @Tag(name = "streams", description = "Append to and read streams; the global order $all"),
                @Tag(name = "snapshots", description = "Snapshots by source, stream and version")
        })
public class JesdbApplication extends Application {
}
