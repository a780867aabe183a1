package dev.trellis.cli.resources;

import dev.trellis.api.client.ControlApiException;
import dev.trellis.api.client.ControlClient;
import dev.trellis.api.resources.Change;
import dev.trellis.api.resources.ChangeResult;
import dev.trellis.api.resources.SourceFile;
import dev.trellis.cli.ControlConnection;
import dev.trellis.cli.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trellis apply -f FILE|DIR}: stores mesh resources, all files of one call or none.
 *
 * <p>Every file named (and every {@code .yaml}, {@code .yml}, {@code .json} file of a named
 * directory, in name order) goes to the control plane in one request, so documents may refer to
 * each other across files and an error anywhere leaves the mesh as it was.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
    description = {
        "Create or update mesh resources from YAML or JSON files.",
        "All files of one call are applied together, or none is: an error anywhere changes nothing."})
public final class ApplyCommand implements Callable<Integer> {

  @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|DIR",
      description = "A file, or a directory of .yaml/.yml/.json files; repeatable; - reads stdin.")
  List<String> paths;

  @Option(names = {"-R", "--recursive"}, description = "Also read the directories' subdirectories.")
  boolean recursive;

  @Option(names = "--dry-run", description = "Validate and show what would change; store nothing.")
  boolean dryRun;

  @Mixin
  ControlConnection connection;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    List<SourceFile> files = new ArrayList<>();
    for (String path : paths) {
      files.addAll(read(path));
    }
    ChangeResult result;
    try (ControlClient client = connection.client()) {
      result = client.apply(files, dryRun);
    } catch (ControlApiException e) {
      throw connection.explain(e);
    }
    PrintWriter out = spec.commandLine().getOut();
    for (Change change : result.changes()) {
      out.println(Changes.describe(change) + (result.dryRun() ? " (dry run)" : ""));
    }
    out.flush();
    return 0;
  }

  private List<SourceFile> read(String given) {
    if (given.equals("-")) {
      try {
        return List.of(new SourceFile("(stdin)",
            new String(System.in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UserError("cannot read standard input: " + e.getMessage());
      }
    }
    Path path = Path.of(given);
    if (Files.isDirectory(path)) {
      List<SourceFile> files = configFilesIn(path).stream().map(ApplyCommand::readFile).toList();
      if (files.isEmpty()) {
        throw new UserError(given + ": no .yaml, .yml or .json files"
            + (recursive ? "" : " (-R reads subdirectories)"));
      }
      return files;
    }
    if (!Files.exists(path)) {
      throw new UserError(given + ": no such file or directory");
    }
    return List.of(readFile(path));
  }

  private List<Path> configFilesIn(Path dir) {
    try (Stream<Path> walk = Files.walk(dir, recursive ? Integer.MAX_VALUE : 1)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().matches(".*\\.(ya?ml|json)"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UserError(dir + ": " + e.getMessage());
    }
  }

  private static SourceFile readFile(Path path) {
    try {
      return new SourceFile(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UserError(path + ": cannot read: " + e.getMessage());
    }
  }
}
