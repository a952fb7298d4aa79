package vn.movepass.shared.feed;

/** What a ward feed line reports. */
public enum FeedKind {
    DEPARTURE("D"), ARRIVAL("A"), CONTACT("C");

    private final String letter;

    FeedKind(String letter) {
        this.letter = letter;
    }

    /** The letter in the sort key. */
    public String letter() {
        return letter;
    }
}
