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
            String problem = fileProblem(e);
            if (problem != null) {
                // a file the user named is missing or unreadable: one line, not a stack trace
                line.getErr().println("khabar " + line.getCommandName() + ": " + problem);
                return 1;
            }
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

    /**
     * "cannot read PATH (no such file)" when a missing or unreadable file is the cause of {@code e}, else null. The path
     * came from outside, so it is escaped.
     */
    static String fileProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.nio.file.NoSuchFileException missing) {
                return "cannot read " + io.khabar.model.OutsideText.escape(missing.getFile()) + " (no such file)";
            }
            if (t instanceof java.nio.file.AccessDeniedException denied) {
                return "cannot read " + io.khabar.model.OutsideText.escape(denied.getFile()) + " (permission denied)";
            }
            if (t instanceof java.io.FileNotFoundException notFound && notFound.getMessage() != null) {
                return "cannot read " + io.khabar.model.OutsideText.escape(notFound.getMessage());
            }
        }
        return null;
    }

    /**
     * "cannot read OPTION PATH (no such file)" when {@code path}, named by the user, cannot be read, else null; commands
     * call it before they connect to anything, so a typo costs no wait. {@code folder}: the path must be a folder.
     */
    static String unreadable(String option, java.nio.file.Path path, boolean folder) {
        String shown = (option.isEmpty() ? "" : option + " ") + io.khabar.model.OutsideText.escape(path.toString());
        if (!java.nio.file.Files.exists(path)) {
            return "cannot read " + shown + (folder ? " (no such folder)" : " (no such file)");
        }
        if (folder && !java.nio.file.Files.isDirectory(path)) {
            return "cannot read " + shown + " (not a folder)";
        }
        if (!java.nio.file.Files.isReadable(path)) {
            return "cannot read " + shown + " (permission denied)";
        }
        return null;
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
