package parallellab.kernel;

import com.google.gson.annotations.SerializedName;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.reply.HistoryReply;
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

    static final class History extends HistoryReply {
        @SerializedName("status")
        private final String status = "ok";

        History(List<HistoryEntry> entries) {
            super(entries);
        }
    }
}
