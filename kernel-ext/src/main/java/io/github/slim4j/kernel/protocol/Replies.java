package io.github.slim4j.kernel.protocol;

import com.google.gson.annotations.SerializedName;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.reply.CommInfoReply;
import io.github.spencerpark.jupyter.messages.reply.KernelInfoReply;

import java.util.List;
import java.util.Map;

/**
 * The reply contents basekernel 2.3.0 gets wrong, written as the protocol (5.3) and
 * jupyter_kernel_test's schemas want them: every reply has {@code "status": "ok"}, history entries
 * are {@code [session, line, input]} arrays, and {@code execute_reply} has a payload list.
 * Serialized by basekernel's Gson, field by field.
 */
final class Replies {

    private Replies() {
    }

    /** Sends any content as the reply of the given type, deferred when the environment defers. */
    @SuppressWarnings("unchecked")
    static void send(ShellReplyEnvironment env, MessageType<?> type, Object content) {
        env.reply(new Message<>(env.getContext(), (MessageType<Object>) type, content));
    }

    /** basekernel's kernel info, plus the status it leaves out. */
    static final class KernelInfo extends KernelInfoReply {
        private final String status = "ok";

        KernelInfo(String protocolVersion, String implementation, String implementationVersion, LanguageInfo language,
                   String banner, List<LanguageInfo.Help> helpLinks) {
            super(protocolVersion, implementation, implementationVersion, language, banner, helpLinks);
        }
    }

    /** basekernel's comm info, plus the status it leaves out. */
    static final class Comms extends CommInfoReply {
        private final String status = "ok";

        Comms(Map<String, CommInfoReply.CommInfo> comms) {
            super(comms);
        }
    }

    static final class ExecuteOk {
        private final String status = "ok";
        @SerializedName("execution_count")
        private final int executionCount;
        private final List<Object> payload;
        @SerializedName("user_expressions")
        private final Map<String, Object> userExpressions = Map.of();

        ExecuteOk(int executionCount, List<Object> payload) {
            this.executionCount = executionCount;
            this.payload = payload;
        }
    }

    /** IPython's pager payload: the documentation a {@code NAME?} cell asked for. */
    static final class Page extends DisplayData {
        private final String source = "page";
        private final int start = 0;

        Page(DisplayData documentation) {
            super(documentation);
        }
    }

    static final class History {
        private final String status = "ok";
        private final List<List<Object>> history;

        History(List<HistoryEntry> entries) {
            this.history = entries.stream().map(History::tuple).toList();
        }

        private static List<Object> tuple(HistoryEntry entry) {
            Object inputAndOutput = entry.hasOutput() ? List.of(entry.getInput(), entry.getOutput()) : entry.getInput();
            return List.of(entry.getSession(), entry.getCellNumber(), inputAndOutput);
        }
    }

    static final class Shutdown {
        private final String status = "ok";
        private final boolean restart;

        Shutdown(boolean restart) {
            this.restart = restart;
        }
    }

    static final class Ok {
        private final String status = "ok";
    }
}
