/** Chinese literal → the file it was first found in. */
export function fieldMessageLiterals(): Map<string, string>;
