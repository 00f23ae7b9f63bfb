/** The server's rule for new passwords, said in the signup form's hint and its error. */
export const MIN_PASSWORD_LENGTH = 8;
