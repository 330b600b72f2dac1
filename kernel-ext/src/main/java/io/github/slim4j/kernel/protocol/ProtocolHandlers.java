package io.github.slim4j.kernel.protocol;

import io.github.slim4j.kernel.KernelIdentity;
import io.github.slim4j.kernel.Slim4jKernel;
import io.github.slim4j.kernel.exec.CellRequest;
import io.github.slim4j.kernel.exec.ExecutionOutcome;
import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.comm.Comm;
import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager;
import io.github.spencerpark.jupyter.messages.Header;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.publish.PublishExecuteInput;
import io.github.spencerpark.jupyter.messages.reply.CommInfoReply;
import io.github.spencerpark.jupyter.messages.reply.ErrorReply;
import io.github.spencerpark.jupyter.messages.reply.ExecuteReply;
import io.github.spencerpark.jupyter.messages.request.CommInfoRequest;
import io.github.spencerpark.jupyter.messages.request.ExecuteRequest;
import io.github.spencerpark.jupyter.messages.request.HistoryRequest;
import io.github.spencerpark.jupyter.messages.request.InterruptRequest;
import io.github.spencerpark.jupyter.messages.request.KernelInfoRequest;
import io.github.spencerpark.jupyter.messages.request.ShutdownRequest;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shell and control handlers that replace basekernel's for slim4j's kernel. basekernel's
 * execute handler is private and runs code its own way; ours sends every cell through
 * {@link Slim4jKernel#execute(CellRequest, io.github.slim4j.kernel.exec.OutputSink)}, the same path
 * the embedded notebook runner takes, with a sink that publishes on iopub. The other handlers
 * exist to send replies that satisfy the protocol (see {@link Replies}).
 */
public final class ProtocolHandlers {

    private final Slim4jKernel kernel;

    private ProtocolHandlers(Slim4jKernel kernel) {
        this.kernel = kernel;
    }

    /** Replaces basekernel's handlers; call after {@code becomeHandlerForConnection}. */
    public static void installOn(JupyterConnection connection, Slim4jKernel kernel) {
        ProtocolHandlers handlers = new ProtocolHandlers(kernel);
        connection.setHandler(MessageType.EXECUTE_REQUEST, handlers::execute);
        connection.setHandler(MessageType.KERNEL_INFO_REQUEST, handlers::kernelInfo);
        connection.setHandler(MessageType.HISTORY_REQUEST, handlers::history);
        connection.setHandler(MessageType.INTERRUPT_REQUEST, handlers::interrupt);
        connection.setHandler(MessageType.SHUTDOWN_REQUEST, handlers::shutdown);
        connection.setHandler(MessageType.COMM_INFO_REQUEST, handlers::commInfo);
    }

    private void execute(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        ExecuteRequest request = message.getContent();
        kernel.getCommManager().setMessageContext(message);
        env.setBusyDeferIdle();
        CellRequest cell = new CellRequest(request.getCode(), request.isSilent(), request.shouldStoreHistory());
        if (!cell.silent()) {
            env.publish(new PublishExecuteInput(request.getCode(), kernel.nextExecutionNumber()));
        }
        ExecutionOutcome outcome = kernel.execute(cell, new IopubSink(env));
        env.defer();
        if (outcome.ok()) {
            List<Object> payload = outcome.page().<List<Object>>map(page -> List.of(new Replies.Page(page))).orElse(List.of());
            Replies.send(env, MessageType.EXECUTE_REPLY, new Replies.ExecuteOk(outcome.executionCount(), payload));
        } else {
            ExecutionOutcome.ErrorSummary summary = outcome.error().orElseThrow();
            ErrorReply error = new ErrorReply(summary.ename(), summary.evalue(), List.of());
            error.setExecutionCount(outcome.executionCount());
            env.replyError(ExecuteReply.MESSAGE_TYPE.error(), error);
        }
    }

    private void kernelInfo(ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
        env.setBusyDeferIdle();
        env.reply(new Replies.KernelInfo(Header.PROTOCOL_VERISON, KernelIdentity.IMPLEMENTATION, KernelIdentity.VERSION,
                kernel.getLanguageInfo(), kernel.getBanner(), kernel.getHelpLinks()));
    }

    private void history(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        HistoryRequest request = message.getContent();
        env.setBusyDeferIdle();
        Set<HistoryManager.ResultFlag> flags = EnumSet.noneOf(HistoryManager.ResultFlag.class);
        if (request.includeOutput()) {
            flags.add(HistoryManager.ResultFlag.INCLUDE_OUTPUT);
        }
        if (!request.useRaw()) {
            flags.add(HistoryManager.ResultFlag.TRANSFORMED_INPUT);
        }
        HistoryManager history = kernel.getHistoryManager();
        List<HistoryEntry> entries = switch (request.getAccessType()) {
            case TAIL -> history.lookupTail(((HistoryRequest.Tail) request).getMaxReturnLength(), flags);
            case RANGE -> {
                HistoryRequest.Range range = (HistoryRequest.Range) request;
                yield history.lookupRange(range.getSessionIndex(), range.getStart(), range.getStop(), flags);
            }
            case SEARCH -> {
                HistoryRequest.Search search = (HistoryRequest.Search) request;
                if (search.filterUnique()) {
                    flags.add(HistoryManager.ResultFlag.UNIQUE);
                }
                yield history.search(search.getPattern(), search.getMaxReturnLength(), flags);
            }
        };
        Replies.send(env, MessageType.HISTORY_REPLY, new Replies.History(entries));
    }

    private void commInfo(ShellReplyEnvironment env, Message<CommInfoRequest> message) {
        String target = message.getContent().getTargetName();
        env.setBusyDeferIdle();
        Map<String, CommInfoReply.CommInfo> comms = new LinkedHashMap<>();
        for (Comm comm : kernel.getCommManager()) {
            if (target == null || target.equals(comm.getTargetName())) {
                comms.put(comm.getID(), new CommInfoReply.CommInfo(comm.getTargetName()));
            }
        }
        env.reply(new Replies.Comms(comms));
    }

    // Arrives on the control channel, whose thread is free while the shell thread runs the cell.
    private void interrupt(ShellReplyEnvironment env, Message<InterruptRequest> message) {
        env.setBusyDeferIdle();
        kernel.interrupt();
        Replies.send(env, MessageType.INTERRUPT_REPLY, new Replies.Ok());
    }

    private void shutdown(ShellReplyEnvironment env, Message<ShutdownRequest> message) {
        boolean restart = message.getContent().isRestart();
        env.setBusyDeferIdle();
        Replies.send(env, MessageType.SHUTDOWN_REPLY, new Replies.Shutdown(restart));
        kernel.onShutdown(restart);
        env.resolveDeferrals();
        env.markForShutdown();
    }
}
