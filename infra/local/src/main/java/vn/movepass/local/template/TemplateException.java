package vn.movepass.local.template;

/** Thrown when a template cannot be read, or a value in it cannot be understood or resolved. */
public class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
