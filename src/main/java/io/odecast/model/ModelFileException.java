package io.odecast.model;

/** A model file that cannot be read: wrong format or version, corrupt, or inconsistent. The message says which. */
public final class ModelFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
