package vn.movepass.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.movepass.local.testkit.Registry;
import vn.movepass.shared.store.ResidentItem;

/**
 * template.yaml deployed by infra/localstack/deploy.sh to a LocalStack container, then the core flow's public half
 * over its HTTP API: a registered citizen declares, gets a pass, its status and its QR image. Needs a Docker engine
 * (skipped with a message when none answers: our machines have none, and CI checks the deploy against moto_server
 * instead), the AWS CLI and the function zips. HTTP APIs are a LocalStack Pro feature: with LOCALSTACK_AUTH_TOKEN
 * set the whole stack is deployed and the flow runs; without it only the data resources are deployed and checked.
 */
class LocalStackIT {
    static final String IMAGE = System.getenv().getOrDefault("LOCALSTACK_IMAGE", "localstack/localstack:4");
    static final String STACK = "movepass-lstest";

    @Test
    void deploysTheTemplateAndRunsTheCoreFlow() throws Exception {
        Assumptions.assumeTrue(dockerAnswers(),
                "no Docker engine answers: LocalStack test skipped (the deploy is checked against moto_server in CI)");
        Path root = TemplateConsistencyTest.ROOT;
        Assumptions.assumeTrue(onPath("aws"), "the AWS CLI is not installed: LocalStack test skipped");
        String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
        boolean pro = token != null && !token.isBlank();

        try (GenericContainer<?> localstack = new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withExposedPorts(4566)
                .withEnv(pro ? Map.of("LOCALSTACK_AUTH_TOKEN", token) : Map.of())
                .withFileSystemBind("/var/run/docker.sock", "/var/run/docker.sock") // Lambda runs in containers
                .waitingFor(Wait.forHttp("/_localstack/health").forPort(4566))) {
            localstack.start();
            String endpoint = "http://" + localstack.getHost() + ":" + localstack.getMappedPort(4566);
            Map<String, String> env = Map.of("AWS_ENDPOINT_URL", endpoint, "AWS_ACCESS_KEY_ID", "test",
                    "AWS_SECRET_ACCESS_KEY", "test", "AWS_REGION", "ap-southeast-1", "STACK_NAME", STACK,
                    "STAGE", "lstest", "DEPLOY_MODE", pro ? "full" : "data");
            assertEquals(0, run(root, env, "infra/localstack/deploy.sh"), "deploy.sh failed");
            assertEquals(0, run(root, env, "python3", "infra/localstack/check_deployed.py", "template.yaml", STACK),
                    "a table, queue, bucket or log group is missing or differs");
            Assumptions.assumeTrue(pro, "data resources deployed and checked; the HTTP API needs LocalStack Pro"
                    + " (LOCALSTACK_AUTH_TOKEN): core flow skipped");
            coreFlow(URI.create(endpoint));
        }
    }

    private static void coreFlow(URI endpoint) throws IOException, InterruptedException {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        Map<String, String> resources = stackResources(endpoint);
        String residents = resources.get("ResidentsTable");
        String apiId = resources.get("Api");
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.AP_SOUTHEAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build()) {
            DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build().table(residents, ResidentItem.SCHEMA)
                    .putItem(ResidentItem.builder().citizenId(Registry.AN).fullName("Nguyễn Văn An")
                            .dateOfBirth("1990-05-17").gender("MALE").permanentWardCode("26734")
                            .permanentAddress("12 Lê Lợi").currentWardCode("26734").currentAddress("12 Lê Lợi").build());
        }
        String base = endpoint + "/_aws/execute-api/" + apiId + "/lstest";
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        String today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).toString();
        String declaration = """
                {"citizenId":"%s","fullName":"Nguyễn Văn An","dateOfBirth":"1990-05-17","gender":"MALE",
                 "phone":"0901234567","email":null,
                 "residence":{"wardCode":"26734","address":"12 Lê Lợi"},"origin":{"wardCode":"26734","address":"12 Lê Lợi"},
                 "destination":{"wardCode":"00001","address":"5 Phúc Xá"},"departureDate":"%s","purpose":"WORK",
                 "vehicle":{"type":"CAR","plate":"51A-123.45"},
                 "health":{"symptoms":[],"contactWithCase":false,"contactWithTraveller":false,
                           "contactWithSymptomatic":false,"visitedPlaces":""},"consent":true}
                """.formatted(Registry.AN, today);
        HttpResponse<String> declared = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/declarations"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(declaration)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, declared.statusCode(), declared.body());
        JsonNode body = json.readTree(declared.body());
        assertEquals("ACCEPTED", body.path("status").asText(), declared.body());
        String passId = body.path("pass").path("passId").asText();

        HttpResponse<String> pass = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/passes/" + passId)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, pass.statusCode(), pass.body());
        assertEquals("VALID", json.readTree(pass.body()).path("status").asText(), pass.body());

        HttpResponse<byte[]> png = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/passes/" + passId + "/qr.png"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, png.statusCode());
        assertTrue(png.body().length > 8 && png.body()[1] == 'P' && png.body()[2] == 'N' && png.body()[3] == 'G',
                "a PNG image");
    }

    /** Logical id to physical id, through the AWS CLI (the tests carry no CloudFormation SDK). */
    static Map<String, String> stackResources(URI endpoint) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("aws", "cloudformation", "list-stack-resources", "--stack-name", STACK,
                "--output", "json").redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(Map.of("AWS_ENDPOINT_URL", endpoint.toString(), "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test", "AWS_REGION", "ap-southeast-1", "AWS_PAGER", ""));
        Process p = pb.start();
        JsonNode listed = new ObjectMapper().readTree(p.getInputStream());
        assertEquals(0, p.waitFor(), "aws cloudformation list-stack-resources failed");
        Map<String, String> out = new java.util.HashMap<>();
        for (JsonNode r : listed.path("StackResourceSummaries")) {
            out.put(r.path("LogicalResourceId").asText(), r.path("PhysicalResourceId").asText());
        }
        return out;
    }

    static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(java.io.File.pathSeparator)).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    static int run(Path dir, Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).inheritIO();
        pb.environment().putAll(env);
        return pb.start().waitFor();
    }
}
