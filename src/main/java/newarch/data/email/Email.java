package newarch.data.email;

/**
 * One message of the SpamAssassin corpus.
 *
 * @param id    the file's number within its group ("00001")
 * @param group spam-1, spam-2, easy-ham-1, easy-ham-2 or hard-ham-1
 * @param raw   the whole message, headers included
 */
public record Email(String id, String group, String raw) {
    public boolean spam() {
        return group.startsWith("spam");
    }

    /**
     * What a reader sees: the Subject line and the body, without the other headers (routing headers name the servers
     * spam came through, which would let a classifier cheat) and without HTML tags.
     */
    public String content() {
        int end = raw.indexOf("\n\n");
        String headers = end < 0 ? raw : raw.substring(0, end);
        String body = end < 0 ? "" : raw.substring(end + 2);
        String subject = "";
        for (String line : headers.split("\n")) {
            if (line.regionMatches(true, 0, "Subject:", 0, 8)) {
                subject = line.substring(8).strip();
                break;
            }
        }
        return (subject + "\n" + body.replaceAll("<[^>]*>", " ")).strip();
    }
}
