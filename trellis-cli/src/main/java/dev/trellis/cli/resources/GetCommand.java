package dev.trellis.cli.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.api.client.ControlApiException;
import dev.trellis.api.client.ControlClient;
import dev.trellis.api.registry.EndpointsView;
import dev.trellis.cli.ControlConnection;
import dev.trellis.cli.UserError;
import dev.trellis.cli.output.OutputFormat;
import dev.trellis.config.ResourceKey;
import dev.trellis.config.ResourceKind;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trellis get KIND [NAME]}: shows stored resources, or with {@code endpoints} what the
 * registry knows about instances and their health.
 *
 * <p>YAML output is a multi-document stream that {@code trellis apply -f} takes back unchanged.
 */
@Command(name = "get", mixinStandardHelpOptions = true,
    description = {
        "Show mesh resources, or the registry's endpoints.",
        "KIND: services, httproutes, grpcroutes, trafficpolicies, authorizationpolicies,",
        "      meshconfigs (or their singular and short names), or endpoints."})
public final class GetCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "KIND")
  String kind;

  @Parameters(index = "1", arity = "0..1", paramLabel = "NAME",
      description = "One resource (or, for endpoints, one service); all when absent.")
  String name;

  @Option(names = {"-n", "--namespace"},
      description = "Only this namespace (default: all when listing; 'default' for one NAME).")
  String namespace;

  @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
      description = "table, yaml or json (default: ${DEFAULT-VALUE}).")
  OutputFormat output;

  @Mixin
  ControlConnection connection;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    boolean endpoints = KindArgument.isEndpoints(kind);
    ResourceKind resourceKind = endpoints ? null : KindArgument.parse(kind);
    try (ControlClient client = connection.client()) {
      if (endpoints) {
        printEndpoints(out, client);
      } else if (name != null) {
        ObjectNode document = client.get(resourceKind, namespaceOrDefault(), name);
        print(out, resourceKind, List.of(document), false);
      } else {
        print(out, resourceKind, client.list(resourceKind, namespace).items(), true);
      }
    } catch (ControlApiException e) {
      throw connection.explain(e);
    }
    return 0;
  }

  private void print(PrintWriter out, ResourceKind kind, List<ObjectNode> documents, boolean list) {
    if (output == OutputFormat.JSON) {
      output.printDocuments(out, documents, list); // an empty list stays valid JSON: [ ]
    } else if (documents.isEmpty()) {
      spec.commandLine().getErr().println("No " + kind.names().get(1) + " found.");
    } else if (output == OutputFormat.YAML) {
      output.printDocuments(out, documents, list);
    } else {
      ResourceTables.of(kind, documents).print(out);
    }
  }

  private void printEndpoints(PrintWriter out, ControlClient client) {
    EndpointsView view = name == null ? client.endpoints()
        : client.endpoints(name, namespaceOrDefault());
    if (namespace != null) {
      view = new EndpointsView(view.version(), view.services().stream()
          .filter(s -> s.namespace().equals(namespace)).toList());
    }
    if (name != null && view.services().stream().allMatch(s -> s.endpoints().isEmpty())) {
      requireService(client);
    }
    if (output != OutputFormat.TABLE) {
      output.printValue(out, view);
    } else if (view.services().stream().allMatch(s -> s.endpoints().isEmpty())) {
      spec.commandLine().getErr().println("No endpoints registered"
          + (name == null ? "." : " for " + name + "."));
    } else {
      ResourceTables.endpoints(view).print(out);
    }
  }

  /** A typo in a service name should not look like a service without instances. */
  private void requireService(ControlClient client) {
    try {
      client.get(ResourceKind.SERVICE, namespaceOrDefault(), name);
    } catch (ControlApiException e) {
      if (e.status() == 404) {
        throw new UserError("no Service " + namespaceOrDefault() + "/" + name
            + " (trellis get services lists them)");
      }
      throw e;
    }
  }

  private String namespaceOrDefault() {
    return namespace == null ? ResourceKey.DEFAULT_NAMESPACE : namespace;
  }
}
