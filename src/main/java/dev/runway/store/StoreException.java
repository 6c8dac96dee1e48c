package dev.runway.store;

/** The store could not do what was asked (disk, schema, corruption); the message says which run or file. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
