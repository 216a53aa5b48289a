package parallellab.lessons;

/**
 * Text meant to be read as Markdown: a notebook kernel that knows this type (ours does, through
 * its renderers) shows it formatted when it is a cell's last expression; anything else prints the
 * text as it is.
 */
public record Markdown(String text) {

    @Override
    public String toString() {
        return text;
    }
}
