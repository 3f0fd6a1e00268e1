package org.jesdb.web.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.metrics.Tag;
import org.jesdb.web.streams.AllResource;
import org.jesdb.web.streams.StreamResource;
import org.junit.jupiter.api.Test;

class RequestTimerTest {
    private static final String REQUESTS = "jesdb.request.microseconds";

    final RecordingRegistry recording = new RecordingRegistry();

    @Test
    void aRequestIsTimedUnderItsResourceClassAndMethodNotItsPath() throws Exception {
        RequestTimer timer = timer(StreamResource.class, method(StreamResource.class, "append"));

        time(timer);
        time(timer);

        assertThat(recording.updatesOf(REQUESTS, new Tag("operation", "StreamResource.append"))).isEqualTo(2);
        assertThat(recording.updates).hasSize(1);
    }

    @Test
    void theHistogramOfAnOperationIsLookedUpOnce() throws Exception {
        RequestTimer timer = timer(StreamResource.class, method(StreamResource.class, "append"));

        for (int i = 0; i < 10; i++) {
            time(timer);
        }

        assertThat(recording.lookups).hasValue(1);
        assertThat(recording.updatesOf(REQUESTS, new Tag("operation", "StreamResource.append"))).isEqualTo(10);
    }

    @Test
    void methodsOfTheSameNameInTwoResourcesAreTwoOperations() throws Exception {
        assertThat(RequestTimer.operation(info(StreamResource.class, method(StreamResource.class, "read"))))
                .isEqualTo("StreamResource.read");
        assertThat(RequestTimer.operation(info(AllResource.class, method(AllResource.class, "read"))))
                .isEqualTo("AllResource.read");
    }

    @Test
    void aCdiProxyOfTheResourceIsNamedAfterTheResource() throws Exception {
        assertThat(RequestTimer.operation(info(StreamResource$Proxy$_$$_WeldSubclass.class,
                method(StreamResource.class, "append")))).isEqualTo("StreamResource.append");
    }

    private RequestTimer timer(Class<?> type, Method method) {
        RequestTimer timer = new RequestTimer();
        timer.registry = recording.registry;
        timer.resource = info(type, method);
        return timer;
    }

    private static void time(RequestTimer timer) {
        ContainerRequestContext request = request();
        timer.filter(request);
        timer.filter(request, (ContainerResponseContext) Proxy.newProxyInstance(RequestTimerTest.class.getClassLoader(),
                new Class<?>[] {ContainerResponseContext.class}, (proxy, call, args) -> {
                    throw new UnsupportedOperationException(call.toString());
                }));
    }

    /** A request that keeps its properties; it answers nothing else. */
    private static ContainerRequestContext request() {
        Map<String, Object> properties = new HashMap<>();
        return (ContainerRequestContext) Proxy.newProxyInstance(RequestTimerTest.class.getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class}, (proxy, call, args) -> switch (call.getName()) {
                    case "setProperty" -> properties.put((String) args[0], args[1]);
                    case "getProperty" -> properties.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(call.toString());
                });
    }

    private static ResourceInfo info(Class<?> type, Method method) {
        return new ResourceInfo() {
            @Override
            public Method getResourceMethod() {
                return method;
            }

            @Override
            public Class<?> getResourceClass() {
                return type;
            }
        };
    }

    private static Method method(Class<?> type, String name) {
        for (Method method : type.getMethods()) {
            if (method.getName().equals(name)) {
                return method;
            }
        }
        throw new AssertionError(type + " has no method " + name);
    }

    /** Named as Weld names the proxy subclass of a resource. */
    static class StreamResource$Proxy$_$$_WeldSubclass extends StreamResource {
    }
}
