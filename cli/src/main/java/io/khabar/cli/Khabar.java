package io.khabar.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code khabar} command: the pipeline's stages and tools as subcommands. */
@Command(
        name = "khabar",
        mixinStandardHelpOptions = true,
        versionProvider = Khabar.Version.class,
        description = "Streams Urdu news articles through Kafka: ingest, normalise and tag entities, deliver.",
        subcommands = {
            RunCommand.class,
            IngestCommand.class,
            EnrichCommand.class,
            SinkCommand.class,
            ServeCommand.class,
            QueryCommand.class,
            StatusCommand.class,
            EvalNerCommand.class,
            EntitiesCommand.class,
            BrokerCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Khabar implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The command line with every subcommand, as {@code main} runs it; tests execute it in-process. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Khabar());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            // the stack trace as picocli prints it, with secrets masked and outside text escaped (issue #13)
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            for (String l : trace.toString().split("\n")) {
                String shown = io.khabar.model.OutsideText.escape(
                        io.khabar.model.Redaction.scrub(l.stripTrailing().replace("\t", "    ")));
                line.getErr().println(shown);
            }
            return line.getExitCodeExceptionMapper() != null
                    ? line.getExitCodeExceptionMapper().getExitCode(e)
                    : line.getCommandSpec().exitCodeOnExecutionException();
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Khabar.class.getPackage().getImplementationVersion();
            return new String[] {"khabar " + (v == null ? "(development build)" : v)};
        }
    }
}
