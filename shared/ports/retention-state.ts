/** Where the data-retention run remembers how far it has erased, so each run reads only new days. */
export interface RetentionState {
  /** The receipt instant up to which personal data was erased; undefined before the first run. */
  erasedThrough(): Promise<string | undefined>;
  /** Records a completed run; never moves the mark back. */
  markErasedThrough(instant: string, now: Date): Promise<void>;
}
