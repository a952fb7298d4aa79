package vn.movepass.local.template;

/** A template parameter. {@code defaultValue} is the Default as a string, or null when there is none. */
public record ParameterDef(String name, String type, String defaultValue, boolean noEcho) {
}
