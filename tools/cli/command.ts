/** The shape of a CLI command: its usage line and what it runs, writing through `io` (tests and the entry point give their own). */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** Where progress goes: a TTY gets a redrawn bar, anything else plain lines. */
  progress: NodeJS.WriteStream | { isTTY?: boolean; write(text: string): unknown };
  env: NodeJS.ProcessEnv;
  /** Aborted on Ctrl-C: long commands (ingest, watch) stop cleanly and say where they were. */
  signal: AbortSignal;
}

export interface Command {
  usage: string;
  run(args: string[], io: Io): Promise<void>;
  /** Ctrl-C is how it ends (watch): exit 0 then, not 130. */
  interruptible?: boolean;
}

export type CommandTable = Record<string, Command>;

/** Said once a key is printed: it is stored hashed, nobody can show it again. */
export const keyWarning = (admin: boolean) => `store this ${admin ? 'admin ' : ''}key now: it cannot be shown again`;
