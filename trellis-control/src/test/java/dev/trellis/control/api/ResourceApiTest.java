package dev.trellis.control.api;

import static dev.trellis.control.Mesh.docs;
import static dev.trellis.control.Mesh.route;
import static dev.trellis.control.Mesh.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.api.client.ControlApiException;
import dev.trellis.api.client.ControlClient;
import dev.trellis.api.resources.Change;
import dev.trellis.api.resources.ChangeResult;
import dev.trellis.config.ResourceKind;
import dev.trellis.control.TestControlPlane;
import dev.trellis.control.server.ControlPlane;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceApiTest {
  @TempDir Path dataDir;
  ControlPlane control;
  ControlClient client;

  @BeforeEach
  void start() throws Exception {
    control = TestControlPlane.start(dataDir);
    client = TestControlPlane.client(control);
  }

  @AfterEach
  void stop() {
    client.close();
    control.close();
  }

  @Test
  void applyGetDeleteRoundTrip() {
    ChangeResult applied = client.apply("mesh.yaml",
        docs(service("catalog"), service("catalog-v2"), route("split", "catalog", "catalog", "catalog-v2")),
        false);

    assertThat(applied.version()).isEqualTo(1);
    assertThat(applied.dryRun()).isFalse();
    assertThat(applied.changes()).containsExactly(
        new Change("Service", "default", "catalog", "created"),
        new Change("Service", "default", "catalog-v2", "created"),
        new Change("HTTPRoute", "default", "split", "created"));

    ObjectNode route = client.get(ResourceKind.HTTP_ROUTE, "default", "split");
    assertThat(route.at("/metadata/resourceVersion").asText()).isEqualTo("1");
    assertThat(route.at("/spec/rules/0/backendRefs/1/name").asText()).isEqualTo("catalog-v2");
    assertThat(client.list(ResourceKind.SERVICE, null).items()).hasSize(2);
    assertThat(client.list(ResourceKind.SERVICE, "elsewhere").items()).isEmpty();

    // What get shows can be applied back; it changes nothing and does not bump the version.
    ChangeResult again = client.apply("mesh.yaml", route.toString(), false);
    assertThat(again.version()).isEqualTo(1);
    assertThat(again.changes()).extracting(Change::action).containsExactly("unchanged");

    ChangeResult reconfigured = client.apply("route.yaml", route("split", "catalog", "catalog"), false);
    assertThat(reconfigured.version()).isEqualTo(2);
    assertThat(reconfigured.changes()).extracting(Change::action).containsExactly("configured");
    assertThat(client.get(ResourceKind.HTTP_ROUTE, "default", "split").at("/metadata/resourceVersion")
        .asText()).isEqualTo("2");
    assertThat(client.get(ResourceKind.SERVICE, "default", "catalog").at("/metadata/resourceVersion")
        .asText()).isEqualTo("1");

    ChangeResult deleted = client.delete(ResourceKind.HTTP_ROUTE, "default", "split");
    assertThat(deleted.version()).isEqualTo(3);
    assertThat(deleted.changes()).containsExactly(new Change("HTTPRoute", "default", "split", "deleted"));
    ControlApiException gone = catchThrowableOfType(ControlApiException.class,
        () -> client.get(ResourceKind.HTTP_ROUTE, "default", "split"));
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.error()).isEqualTo("HTTPRoute default/split not found");
  }

  @Test
  void invalidMultiDocumentApplyChangesNothingAndReportsEveryError() {
    client.apply("base.yaml", service("catalog"), false);

    String text = docs(
        service("reviews"),
        service("Bad_Name"),
        route("to-nowhere", "catalog", "missing-backend"));
    ControlApiException refused = catchThrowableOfType(ControlApiException.class,
        () -> client.apply("mesh.yaml", text, false));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.error()).isEqualTo("configuration refused");
    assertThat(refused.details()).isNotEmpty()
        .allSatisfy(line -> assertThat(line).matches("mesh\\.yaml:\\d+: \\S+: .* \\(expected: .*\\)"));
    assertThat(refused.details()).anySatisfy(line -> assertThat(line).contains("metadata.name: Bad_Name"));
    // Nothing of the text was stored, not even the valid first document.
    assertThat(client.list(ResourceKind.SERVICE, null).items())
        .extracting(doc -> doc.at("/metadata/name").asText()).containsExactly("catalog");
    assertThat(client.list(ResourceKind.SERVICE, null).version()).isEqualTo(1);
  }

  @Test
  void textWithoutDocumentsIsRefused() {
    ControlApiException refused = catchThrowableOfType(ControlApiException.class,
        () -> client.apply("empty.yaml", "# nothing here\n", false));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.details()).containsExactly(
        "empty.yaml: (document): missing (expected: at least one document)");
  }

  @Test
  void danglingReferenceIsRefusedWithItsLine() {
    ControlApiException refused = catchThrowableOfType(ControlApiException.class,
        () -> client.apply("routes.yaml", route("to-nowhere", "catalog", "catalog"), false));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.details()).anySatisfy(line ->
        assertThat(line).matches("routes\\.yaml:\\d+: spec\\.parentRefs\\[0\\]\\S*: catalog \\(expected: .*Service default/catalog\\)"));
    assertThat(client.list(ResourceKind.HTTP_ROUTE, null).items()).isEmpty();
  }

  @Test
  void dryRunChecksEverythingAndStoresNothing() {
    ChangeResult dry = client.apply("mesh.yaml", docs(service("catalog"), route("r", "catalog", "catalog")), true);

    assertThat(dry.dryRun()).isTrue();
    assertThat(dry.version()).isZero();
    assertThat(dry.changes()).extracting(Change::action).containsExactly("created", "created");
    assertThat(client.list(ResourceKind.SERVICE, null).items()).isEmpty();

    ControlApiException refused = catchThrowableOfType(ControlApiException.class,
        () -> client.apply("mesh.yaml", route("r", "catalog", "catalog"), true));
    assertThat(refused.status()).isEqualTo(422);
  }

  @Test
  void deleteIsRefusedWhileOthersReferToIt() {
    client.apply("mesh.yaml", docs(service("catalog"), service("v2"), route("split", "catalog", "v2")), false);

    ControlApiException conflict = catchThrowableOfType(ControlApiException.class,
        () -> client.delete(ResourceKind.SERVICE, "default", "v2"));

    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.error()).isEqualTo("Service default/v2 is still in use");
    assertThat(conflict.details()).singleElement().asString()
        .startsWith("HTTPRoute default/split refers to it at spec.rules[0].backendRefs[0]");
    assertThat(client.get(ResourceKind.SERVICE, "default", "v2")).isNotNull();

    ControlApiException unknown = catchThrowableOfType(ControlApiException.class,
        () -> client.delete(ResourceKind.SERVICE, "default", "nope"));
    assertThat(unknown.status()).isEqualTo(404);
  }

  @Test
  void parseErrorsAndDanglingReferencesAreReportedTogether() {
    String badPort = service("catalog").replace("port: 8080", "port: 0");
    ControlApiException refused = catchThrowableOfType(ControlApiException.class,
        () -> client.apply("mesh.yaml", docs(badPort, route("r", "catalog", "catalog", "missing")),
            false));

    assertThat(refused.status()).isEqualTo(422);
    // The port, and the backend that exists nowhere; not catalog, whose own error says enough.
    assertThat(refused.details()).satisfiesExactly(
        port -> assertThat(port).matches("mesh\\.yaml:\\d+: spec\\.ports\\[0\\]\\.port: 0 .*"),
        missing -> assertThat(missing).matches(
            "mesh\\.yaml:\\d+: spec\\.rules\\[0\\]\\.backendRefs\\[1\\]\\S*: missing .*"));
  }

  @Test
  void aResourceDefinedInTwoFilesIsOneErrorInFileOrder() {
    ControlApiException refused = catchThrowableOfType(ControlApiException.class,
        () -> client.apply(java.util.List.of(
            new dev.trellis.api.resources.SourceFile("b.yaml", service("catalog")),
            new dev.trellis.api.resources.SourceFile("a.yaml", docs(service("web"), service("catalog")))),
            false));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.details()).containsExactly("a.yaml:10: metadata.name: catalog (expected: a"
        + " name no other Service in namespace default has in what is applied together (the"
        + " document at b.yaml:1 has it))");
  }
}
