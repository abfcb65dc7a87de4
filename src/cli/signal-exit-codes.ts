// The shell's convention for a process ended by a signal: 128 + its number.
export const SIGNAL_EXIT_CODES: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143 };
