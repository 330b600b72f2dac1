package io.github.slim4j.kernel.cli;

import io.github.slim4j.kernel.install.InstallTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CommandLineTest {

    @TempDir
    Path temp;

    private final CommandLine commandLine = new CommandLine(Map.of("JUPYTER_DATA_DIR", "/data/jupyter"), Path.of("/home/ada"));

    private Command parse(String... args) throws UsageException {
        return commandLine.parse(List.of(args));
    }

    private String error(String... args) {
        return assertThrows(UsageException.class, () -> parse(args)).getMessage();
    }

    @Test
    void installDefaultsToTheUserDataDirectoryAndTheNameSlim4j() throws UsageException {
        Command.Install install = assertInstanceOf(Command.Install.class, parse("install"));
        assertEquals(new InstallTarget.User(Path.of("/data/jupyter")), install.target());
        assertEquals("slim4j", install.name());
    }

    @Test
    void installTakesOneTargetAndAName() throws UsageException {
        assertEquals(new Command.Install(new InstallTarget.Prefix(temp), "java17"), parse("install", "--prefix", temp.toString(), "--name", "java17"));
        assertEquals(new Command.Uninstall(new InstallTarget.JupyterPath(temp), "slim4j"), parse("uninstall", "--jupyter-path", temp.toString()));
    }

    @Test
    void badInstallArgumentsAreNamed() {
        assertEquals("--prefix conflicts with an earlier target; give one of --user, --prefix, --jupyter-path",
                error("install", "--user", "--prefix", "/x"));
        assertEquals("--prefix needs a value", error("install", "--prefix"));
        assertEquals("--name 'my kernel' is not a kernelspec name; use letters, digits, '.', '_' and '-'",
                error("install", "--name", "my kernel"));
        assertEquals("unknown option '--global' for uninstall; expected --user, --prefix DIR, --jupyter-path DIR or --name NAME",
                error("uninstall", "--global"));
    }

    @Test
    void runTakesAnExistingNotebookAndOptionalOutputs() throws IOException, UsageException {
        Path notebook = Files.writeString(temp.resolve("a.ipynb"), "{}");
        Command.Run run = assertInstanceOf(Command.Run.class, parse("run", notebook.toString(), "--html", "out.html"));
        assertEquals(notebook, run.notebook());
        assertEquals(Optional.empty(), run.out());
        assertEquals(Optional.of(Path.of("out.html").toAbsolutePath()), run.html());
    }

    @Test
    void badRunArgumentsAreNamed() throws IOException {
        assertEquals("NOTEBOOK.ipynb 'missing.ipynb' is not a file", error("run", "missing.ipynb"));
        assertEquals("run needs NOTEBOOK.ipynb", error("run"));
        Path notebook = Files.writeString(temp.resolve("a.ipynb"), "{}");
        assertEquals("unknown option '--pdf' for run; expected --out OUT.ipynb or --html OUT.html", error("run", notebook.toString(), "--pdf", "x"));
    }

    @Test
    void kernelTakesExactlyAConnectionFile() throws IOException, UsageException {
        Path connection = Files.writeString(temp.resolve("kernel-1.json"), "{}");
        assertEquals(new Command.Kernel(connection), parse("kernel", connection.toString()));
        assertEquals("unexpected argument 'extra' after kernel CONNECTION_FILE", error("kernel", connection.toString(), "extra"));
    }

    @Test
    void helpAndUnknownCommands() throws UsageException {
        assertInstanceOf(Command.Help.class, parse("--help"));
        assertInstanceOf(Command.Help.class, parse("help"));
        assertEquals("unknown command 'serve'; expected install, uninstall, run, kernel or help", error("serve"));
        assertEquals("no command given; run 'slim4j help' for the commands", error());
    }
}
