package dev.trellis.cli.resources;

import dev.trellis.api.client.ControlApiException;
import dev.trellis.api.client.ControlClient;
import dev.trellis.api.resources.Change;
import dev.trellis.api.resources.ChangeResult;
import dev.trellis.cli.ControlConnection;
import dev.trellis.config.ResourceKey;
import dev.trellis.config.ResourceKind;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trellis delete KIND NAME}: removes one resource. The control plane refuses while other
 * resources still refer to it, naming them, so a delete never leaves a route pointing nowhere.
 */
@Command(name = "delete", mixinStandardHelpOptions = true,
    description = "Delete one mesh resource (refused while other resources refer to it).")
public final class DeleteCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "KIND", description = "The kind, e.g. httproute or svc.")
  String kind;

  @Parameters(index = "1", paramLabel = "NAME")
  String name;

  @Option(names = {"-n", "--namespace"}, defaultValue = ResourceKey.DEFAULT_NAMESPACE,
      description = "The namespace (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Mixin
  ControlConnection connection;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    ResourceKind resourceKind = KindArgument.parse(kind);
    ChangeResult result;
    try (ControlClient client = connection.client()) {
      result = client.delete(resourceKind, namespace, name);
    } catch (ControlApiException e) {
      throw connection.explain(e);
    }
    PrintWriter out = spec.commandLine().getOut();
    for (Change change : result.changes()) {
      out.println(Changes.describe(change));
    }
    out.flush();
    return 0;
  }
}
