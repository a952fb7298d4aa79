package vn.movepass.local.embedded;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.InterceptorContext;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.exceptions.DynamoDBLocalServiceException;
import software.amazon.dynamodb.services.local.embedded.DDBExceptionMappingInvocationHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;

/**
 * The functions' DynamoDB client when they reach DynamoDB Local in this JVM: a {@link DynamoDbClient} whose every call
 * goes straight to the request handler behind the embedded server's HTTP endpoint ({@code LocalDynamoDBRequestHandler}
 * , the object the server calls once it has parsed a request), on the same database, so the functions and every tool
 * on the HTTP endpoint see one store. What it skips is only the transport: the SDK's JSON marshalling and HTTP client,
 * the loopback socket, Jetty, and DynamoDB Local's JSON parsing, about 90 % of a BatchGetItem's CPU over HTTP (0.07 ms
 * against 0.7 ms on this machine). Errors are DynamoDB Local's own, mapped to the SDK's exceptions as DynamoDB Local's
 * embedded mode maps them ({@link DDBExceptionMappingInvocationHandler}), so a failed condition is still a
 * {@code ConditionalCheckFailedException} and a cancelled transaction a {@code TransactionCanceledException} with its
 * reasons.
 *
 * <p>There is no SDK pipeline here: no retries, no HTTP-level hooks. Observers' {@code beforeExecution} runs for each
 * call (the runtime's {@link AwsAccess} records the functions' calls with it); a runtime whose options intercept the
 * functions' DynamoDB calls (fault injection, counting, races) gives them the HTTP client instead, with the whole SDK.
 */
public final class InProcessDynamo implements InvocationHandler {
    private static final String ACCESS_KEY = "local";

    private final LocalDynamoDBRequestHandler handler;
    private final String region;
    private final List<ExecutionInterceptor> observers;
    private final DynamoDbClient overHttp;
    private final Map<Method, Method> targets = new ConcurrentHashMap<>();

    private InProcessDynamo(LocalDynamoDBRequestHandler handler, String region, List<ExecutionInterceptor> observers,
                            DynamoDbClient overHttp) {
        this.handler = handler;
        this.region = region;
        this.observers = List.copyOf(observers);
        this.overHttp = overHttp;
    }

    /**
     * A client on {@code server}'s database; {@code overHttp} (the tools' client on the same server) answers
     * {@code serviceClientConfiguration()}, and closing the returned client closes nothing.
     */
    public static DynamoDbClient over(EmbeddedDynamo server, List<ExecutionInterceptor> observers, DynamoDbClient overHttp) {
        var invocations = new InProcessDynamo(server.requestHandler(), AwsClients.REGION.id(), observers, overHttp);
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, invocations);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (args != null && args.length == 1 && args[0] instanceof SdkRequest request
                && SdkResponse.class.isAssignableFrom(method.getReturnType())) {
            return call(method, request);
        }
        return switch (method.getName()) {
            case "close" -> null;
            case "serviceName" -> DynamoDbClient.SERVICE_NAME;
            case "serviceClientConfiguration" -> overHttp.serviceClientConfiguration();
            case "toString" -> "InProcessDynamo(" + region + ")";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            // the SDK's own conveniences (Consumer<Builder> overloads, paginators) build a request and call back in
            default -> InvocationHandler.invokeDefault(proxy, method, args);
        };
    }

    private Object call(Method method, SdkRequest request) throws Throwable {
        if (!observers.isEmpty()) {
            ExecutionAttributes attributes = new ExecutionAttributes();
            attributes.putAttribute(SdkExecutionAttribute.SERVICE_NAME, DynamoDbClient.SERVICE_NAME);
            attributes.putAttribute(SdkExecutionAttribute.OPERATION_NAME,
                    Character.toUpperCase(method.getName().charAt(0)) + method.getName().substring(1));
            InterceptorContext context = InterceptorContext.builder().request(request).build();
            for (ExecutionInterceptor o : observers) {
                o.beforeExecution(context, attributes);
            }
        }
        Method target = targets.computeIfAbsent(method, m -> {
            try {
                return LocalDynamoDBRequestHandler.class.getMethod(m.getName(), String.class, String.class, m.getParameterTypes()[0]);
            } catch (NoSuchMethodException e) {
                throw new UnsupportedOperationException("DynamoDB Local has no " + m.getName(), e);
            }
        });
        try {
            return target.invoke(handler, ACCESS_KEY, region, request);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof DynamoDBLocalServiceException local) {
                DDBExceptionMappingInvocationHandler.handleDynamoDBLocalServiceException(local); // throws the SDK's exception
            }
            throw e.getCause();
        }
    }
}
