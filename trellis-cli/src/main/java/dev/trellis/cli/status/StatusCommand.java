package dev.trellis.cli.status;

import dev.trellis.api.client.ControlApiException;
import dev.trellis.api.client.ControlClient;
import dev.trellis.api.json.ApiJson;
import dev.trellis.cli.ControlConnection;
import dev.trellis.cli.output.OutputFormat;
import dev.trellis.cli.output.Table;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trellis status}: what the control plane knows, in one screen: services and their
 * instances with health, and which proxies run which snapshot version.
 *
 * <pre>
 * control plane http://127.0.0.1:7420 at version 42
 *
 * SERVICE     INSTANCES   HEALTHY
 * catalog     2           2
 *
 * SERVICE   INSTANCE        ADDRESS           HEALTH    DETAIL
 * catalog   catalog-7f3a    127.0.0.1:41235   HEALTHY   GET /healthz: 200
 *
 * PROXY              SERVICE   SYNC      SENT   ACKED   NACKED
 * catalog-811-4123   catalog   IN_SYNC   42     42      0
 * </pre>
 *
 * <p>Exit code 0 whatever the mesh's state (it is a report, not a check); 1 when the control
 * plane cannot be asked.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Show what the control plane knows: services, instances, health, proxies in sync.",
        "",
        "Services with their instances and health, and which proxies run the last snapshot version"
            + " the control plane sent them.",
        ""})
public final class StatusCommand implements Callable<Integer> {

  @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
      description = "table, yaml or json (default: ${DEFAULT-VALUE}).")
  OutputFormat output;

  @Mixin
  ControlConnection connection;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    MeshStatus status;
    try (ControlClient client = connection.client()) {
      status = MeshStatus.of(connection.url().toString(), client.endpoints(), client.proxies());
    } catch (ControlApiException e) {
      throw connection.explain(e);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output == OutputFormat.TABLE) {
      printTables(out, status);
    } else {
      // Through the API's mapper, which writes instants as ISO-8601 text like the API itself.
      output.printValue(out, ApiJson.mapper().valueToTree(status));
    }
    return 0;
  }

  private static void printTables(PrintWriter out, MeshStatus status) {
    out.println("control plane " + status.control() + " at version " + status.version());
    out.println();
    if (status.services().isEmpty()) {
      out.println("No services.");
    } else {
      Table services = new Table("NAMESPACE", "SERVICE", "INSTANCES", "HEALTHY");
      Table instances = new Table("SERVICE", "INSTANCE", "ADDRESS", "HEALTH", "DETAIL");
      for (MeshStatus.ServiceStatus service : status.services()) {
        services.row(service.namespace(), service.service(), service.instances().size(), service.healthy());
        for (MeshStatus.InstanceStatus instance : service.instances()) {
          instances.row(service.service(), instance.id(), instance.address() + ":" + instance.port(),
              instance.health(), instance.healthDetail());
        }
      }
      services.print(out);
      out.println();
      if (instances.isEmpty()) {
        out.println("No instances registered.");
      } else {
        instances.print(out);
      }
    }
    out.println();
    if (status.proxies().isEmpty()) {
      out.println("No proxies watching.");
    } else {
      Table proxies = new Table("PROXY", "SERVICE", "SYNC", "SENT", "ACKED", "NACKED", "ERROR");
      for (MeshStatus.ProxyRow proxy : status.proxies()) {
        proxies.row(proxy.node(), proxy.service(), proxy.sync(), proxy.lastSentVersion(),
            proxy.lastAckedVersion(), proxy.lastNackedVersion(), proxy.lastNackError());
      }
      proxies.print(out);
    }
    out.flush();
  }
}
