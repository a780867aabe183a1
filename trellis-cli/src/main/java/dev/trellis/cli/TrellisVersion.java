package dev.trellis.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code trellis --version}: the version the distribution was built as. */
final class TrellisVersion implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = TrellisCli.class.getPackage().getImplementationVersion();
    return new String[] {
        "trellis " + (version == null ? "(development build)" : version),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")",
    };
  }
}
