package dev.trellis.examples.bookstore.inventory;

import dev.trellis.examples.bookstore.launch.RunningService;
import dev.trellis.examples.bookstore.launch.ServiceOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code Bookstore inventory}: runs one inventory instance until stopped. */
@Command(name = "inventory", description = "The inventory: copies in stock per book (HTTP).")
public final class InventoryCommand implements Callable<Integer> {

  @Mixin
  ServiceOptions service;

  @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Override
  public Integer call() throws Exception {
    String instance = service.instance("inventory");
    InventoryService inventory = InventoryService.start(instance, service.port());
    RunningService.runUntilStopped("inventory", "inventory instance " + instance + " started",
        inventory.port(), inventory, System.out);
    return 0;
  }
}
