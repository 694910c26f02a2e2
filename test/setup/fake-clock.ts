import { existsSync } from 'node:fs';

/** Where Debian's `faketime` package puts the library (any architecture), unless LIBFAKETIME says. */
const CANDIDATES = [
  '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/faketime/libfaketime.so.1',
  '/usr/local/lib/faketime/libfaketime.so.1',
];

/** The libfaketime shared object, or a clear error saying how to install it. */
export function libfaketimePath(): string {
  const found = [process.env.LIBFAKETIME, ...CANDIDATES].find(
    (candidate): candidate is string => !!candidate && existsSync(candidate),
  );
  if (!found)
    throw new Error(
      'libfaketime not found: install it (`apt-get install faketime`) or set LIBFAKETIME to its path',
    );
  return found;
}

function withLibrary(preload: string | undefined, library: string): string {
  const others = (preload ?? '').split(/[:\s]+/).filter((entry) => entry && !entry.includes('faketime'));
  return [library, ...others].join(':');
}

/**
 * Environment for a child process whose clock starts at `instant` and then runs at the normal
 * rate. Each process started with it begins at `instant` afresh, so give it to one process
 * (a local stack), not to a tree of processes that compare their clocks.
 */
export function clockStartingAt(instant: string | Date): Record<string, string> {
  const utc = new Date(instant).toISOString().replace('T', ' ').slice(0, 19);
  return {
    LD_PRELOAD: withLibrary(process.env.LD_PRELOAD, libfaketimePath()),
    FAKETIME: `@${utc}`,
    // libfaketime reads an absolute FAKETIME in the local time zone.
    TZ: 'UTC',
    // Timers and timeouts keep the real monotonic clock.
    FAKETIME_DONT_FAKE_MONOTONIC: '1',
  };
}

/**
 * Environment that shifts the wall clock by a fixed offset so that, at the moment of the call,
 * it reads `instant`. Every process started with it (and their children) share one clock,
 * which is what a whole test run needs.
 */
export function clockShiftedTo(instant: string | Date, realNow = Date.now()): Record<string, string> {
  const seconds = Math.round((new Date(instant).getTime() - realNow) / 1000);
  return {
    LD_PRELOAD: withLibrary(process.env.LD_PRELOAD, libfaketimePath()),
    FAKETIME: seconds >= 0 ? `+${seconds}` : String(seconds),
    FAKETIME_DONT_FAKE_MONOTONIC: '1',
  };
}
