package io.trailhound.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "trailhound", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {
            "Trailhound reads AWS CloudTrail and IAM data and answers: who really did it, what looks bad, "
                + "and how exposed are we.",
            ""},
        subcommands = {ScanCommand.class, WatchCommand.class, AuditCommand.class, RulesCommand.class, WhoCommand.class, TimelineCommand.class,
            SearchCommand.class, ExportCommand.class, PruneCommand.class, ServeCommand.class, GenerateCommand.class, DemoCommand.class, BenchCommand.class,
            FlinkCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok; 1 findings or alerts when asked with --fail-on; 2 usage or input error.",
            "Run 'trailhound COMMAND --help' for a command's options."})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code (tests call this). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // Messages quote paths and values from the command line and from input files: escaped for the terminal.
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof UncheckedIOException || ex instanceof IOException
                    || ex instanceof io.trailhound.aws.AwsErrors.AwsCallException) {
                commandLine.getErr().println("trailhound: " + TerminalText.escape(ex.getMessage()));
                return ExitCodes.USAGE_OR_INPUT;
            }
            throw ex;
        });
        cli.setParameterExceptionHandler(Main::usageError);
        return cli.execute(args);
    }

    /** As picocli's own handler (message, then suggestions or usage), with the message escaped: it quotes the argument. */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine c = ex.getCommandLine();
        java.io.PrintWriter err = c.getErr();
        err.println(TerminalText.escape(ex.getMessage()));
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
            c.usage(err, c.getColorScheme());
        }
        return c.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The version from the build (Maven writes it into a resource). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"trailhound " + io.trailhound.cli.output.BuildVersion.number(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
