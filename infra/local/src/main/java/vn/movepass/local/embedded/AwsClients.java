package vn.movepass.local.embedded;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SDK v2 clients for the embedded servers: static dummy credentials, region ap-southeast-1, the Apache 4 HTTP client
 * set explicitly (never the classpath default: DynamoDB Local drags other HTTP clients in), and the caller's
 * interceptors. The variants without an {@link SdkHttpClient} give the SDK an Apache client builder
 * ({@code httpClientBuilder}), so the SDK client owns that HTTP client and closes it with itself (an instance passed
 * with {@code httpClient(...)} is never closed by the SDK); the variants taking an {@link SdkHttpClient} share the
 * caller's, which the caller closes.
 */
public final class AwsClients {
    public static final Region REGION = Region.AP_SOUTHEAST_1;
    public static final int MAX_CONNECTIONS = 64;
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private AwsClients() {
    }

    /** An Apache HTTP client sized for local use (64 connections; socket timeout above SQS's 20 s long poll). */
    public static SdkHttpClient httpClient() {
        return httpClientBuilder().build();
    }

    public static ApacheHttpClient.Builder httpClientBuilder() {
        return ApacheHttpClient.builder()
                .maxConnections(MAX_CONNECTIONS)
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(35));
    }

    public static DynamoDbClient dynamoDb(URI endpoint, List<ExecutionInterceptor> interceptors) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(httpClientBuilder()) // owned: closed with the SDK client
                .overrideConfiguration(override(interceptors))
                .build();
    }

    public static DynamoDbClient dynamoDb(URI endpoint, SdkHttpClient sharedHttp, List<ExecutionInterceptor> interceptors) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClient(sharedHttp)
                .overrideConfiguration(override(interceptors))
                .build();
    }

    public static SqsClient sqs(URI endpoint, List<ExecutionInterceptor> interceptors) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(httpClientBuilder()) // owned: closed with the SDK client
                .overrideConfiguration(override(interceptors))
                .build();
    }

    public static SqsClient sqs(URI endpoint, SdkHttpClient sharedHttp, List<ExecutionInterceptor> interceptors) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClient(sharedHttp)
                .overrideConfiguration(override(interceptors))
                .build();
    }

    /** Path-style S3 client sharing the caller's HTTP client. */
    public static S3Client s3(URI endpoint, SdkHttpClient sharedHttp) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClient(sharedHttp)
                .build();
    }

    private static ClientOverrideConfiguration override(List<ExecutionInterceptor> interceptors) {
        ClientOverrideConfiguration.Builder b = ClientOverrideConfiguration.builder();
        for (ExecutionInterceptor i : interceptors == null ? List.<ExecutionInterceptor>of() : interceptors) {
            b.addExecutionInterceptor(i);
        }
        return b.build();
    }
}
