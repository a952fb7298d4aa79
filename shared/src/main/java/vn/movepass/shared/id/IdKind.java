package vn.movepass.shared.id;

import java.util.regex.Pattern;

/**
 * Every kind of id a client can put in a path, with the shape it is minted in. A capability (an unguessable id
 * that is itself the right to read: a pass, a permit, a scan) answers 404 whatever is wrong with it, as an unknown
 * one does; every other kind answers 400 with the parameter named in errors[].
 */
public enum IdKind {
    PASS("[A-Za-z0-9_-]{22}", true),
    PERMIT("[A-Za-z0-9_-]{22}", true),
    SCAN("[A-Za-z0-9_-]{16,700}", true),
    CASE("[A-Za-z0-9_-]{22}", false),
    DECLARATION("[A-Za-z0-9_-]{22}", false),
    VENUE("[A-Za-z0-9_-]{1,64}", false),
    APPOINTMENT("[A-Za-z0-9_-]{22}", true),
    SUPPORT_CASE("[A-Za-z0-9_-]{22}", false),
    HEALTH_EVENT("[A-Za-z0-9_-]{22}", false),
    SITE("[A-Za-z0-9_-]{1,64}", false),
    CHECKPOINT("[A-Za-z0-9_-]{1,64}", false),
    WARD("[0-9]{5}", false),
    PROVINCE("[0-9]{2}", false),
    /** A queue by its logical id in the template. */
    QUEUE("[A-Za-z]{1,64}", false),
    CITIZEN("[0-9]{12}", false),
    /** An official's account (the token's sub): a Cognito UUID, or a local name such as {@code health-79}. */
    ACCOUNT("[A-Za-z0-9._:@-]{1,128}", false),
    /** A shipper's short code as printed (Crockford base32, dashes and spaces allowed, any case). */
    SHIPPER("[0-9A-Za-z~*$= -]{1,64}", false);

    private final Pattern shape;
    private final boolean capability;

    IdKind(String shape, boolean capability) {
        this.shape = Pattern.compile(shape);
        this.capability = capability;
    }

    public boolean capability() {
        return capability;
    }

    boolean accepts(String value) {
        return value != null && value.length() <= 700 && shape.matcher(value).matches();
    }
}
