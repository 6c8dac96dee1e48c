package dev.runway.cli;

import picocli.CommandLine.IVersionProvider;

final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {"runway " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
    }
}
