/** Replaces the password of a postgres URL with "***" so it can be printed. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return redactSecrets(url);
  }
}

/** Removes anything that looks like a password inside free text (error messages can echo connection strings). */
export function redactSecrets(text: string): string {
  return text
    .replace(/(postgres(?:ql)?:\/\/[^:\s/@]*:)[^@\s]*@/gi, '$1***@')
    .replace(/(password\s*=\s*)('[^']*'|\S+)/gi, '$1***');
}
