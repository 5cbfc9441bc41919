// The bytes the CSV scan and its byte-level helpers look for.

export const NL = 10;
export const CR = 13;
export const QUOTE = 34;
export const TAB = 9;
export const SPACE = 32;
export const CTRL_Z = 26;
export const DEL = 0x7f;
