package eu.federator.server.cli;

public final class FederatorCommand {
    public static void main(String[] args) {
    }
}
