/** Set up a new box (changes it), or check one (reads only: nothing is sent to the box). */
export type Flow = 'setup' | 'check';
