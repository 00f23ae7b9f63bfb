/** A light check before asking the server, which has the final word on what an email is. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The server's rule for new passwords. */
export const MIN_PASSWORD_LENGTH = 8;
