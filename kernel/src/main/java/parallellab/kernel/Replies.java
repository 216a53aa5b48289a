package parallellab.kernel;

import com.google.gson.annotations.SerializedName;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.ReplyType;
import org.dflib.jjava.jupyter.messages.reply.HistoryReply;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;

/**
 * Replies that jjava-jupyter 1.0-a6 sends without the {@code status} field the Jupyter messaging
 * spec requires (the official kernel test suite rejects them). Gson serialises the added field
 * along with the inherited ones.
 */
final class Replies {

    private Replies() {}

    static final class KernelInfo extends KernelInfoReply {
        @SerializedName("status")
        private final String status = "ok";

        KernelInfo(String protocol, String name, String version, LanguageInfo language, String banner, List<HelpLink> links) {
            super(protocol, name, version, language, banner, links);
        }
    }

    /** The history as the spec has it: [session, line, input] or [session, line, [input, output]] triples. */
    static final class History implements ContentType<History>, ReplyType<HistoryRequest> {
        @SerializedName("status")
        private final String status = "ok";
        @SerializedName("history")
        private final List<List<Object>> history;

        History(List<HistoryEntry> entries) {
            this.history = entries.stream().map(e -> List.<Object>of(e.getSession(), e.getCellNumber(),
                    e.hasOutput() ? List.of(e.getInput(), e.getOutput()) : e.getInput())).toList();
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public MessageType<History> getType() {
            return (MessageType) HistoryReply.MESSAGE_TYPE;
        }

        @Override
        public MessageType<HistoryRequest> getRequestType() {
            return HistoryReply.REQUEST_MESSAGE_TYPE;
        }
    }
}
