package io.github.slim4j.kernel.protocol;

import io.github.slim4j.kernel.Slim4jKernel;
import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import sun.misc.Signal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Serves one Jupyter frontend over the ZMQ sockets named in a connection file, until shutdown. */
public final class KernelServer {

    private KernelServer() {
    }

    public static void serve(Path connectionFile) throws Exception {
        // basekernel logs every message and channel loop at INFO on stderr. During a cell stderr is
        // the cell's output, so the control thread's log lines would appear in the notebook.
        Logger.getLogger("").setLevel(Level.WARNING);
        KernelConnectionProperties properties = KernelConnectionProperties.parse(Files.readString(connectionFile));
        Slim4jKernel kernel = new Slim4jKernel();
        // With interrupt_mode "message" Jupyter interrupts by message, but a Ctrl-C in the terminal
        // running the notebook server still sends SIGINT to the whole process group. It must not
        // kill the kernel (and every variable); it interrupts the running cell instead.
        Signal.handle(new Signal("INT"), signal -> kernel.interrupt());
        JupyterConnection connection = new JupyterConnection(properties);
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
    }
}
