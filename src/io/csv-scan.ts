/**
 * The structure of a delimited text file as far as line accounting needs it, found in one streaming pass over the
 * bytes: how many physical lines it has, which are blank, which records span several lines (quoted newlines), and
 * whether a quote was left open at the end. DuckDB's `read_csv` does the parsing; this scan lets every parsed
 * record be tied back to the physical line it started on, and shows where a stray quote swallowed lines.
 */
export interface CsvScan {
  sizeBytes: number;
  /** True when every byte sequence is valid UTF-8 (a BOM is allowed). */
  isUtf8: boolean;
  hasBom: boolean;
  /**
   * True when the file starts with a byte-order mark converted to UTF-8 twice (`ï»¿`, the bytes C3 AF C2 BB C2 BF: a
   * UTF-8 file with a BOM read as windows-1252 or Latin-1 and saved as UTF-8 again), after a BOM or not: skipped like a
   * BOM, so that the header's first name reads as written (see readCsv, which warns).
   */
  hasDoubleUtf8Bom: boolean;
  /** Number of physical lines; a final line break does not start another line. */
  lineCount: number;
  /** Physical lines that are empty (or hold only a carriage return) outside any quoted field. */
  blankLines: number[];
  /** Records whose quoted fields span several physical lines: [first line, last line]. */
  multiLineRecords: Array<[number, number]>;
  /** The physical line on which a quote was opened and never closed, if any. */
  unterminatedQuoteLine: number | undefined;
  /**
   * Every record whose quoted cell stays open over a line break (those of `multiLineRecords`, and the unterminated
   * one), with the cell the quote opens and how many of the lines it takes in look like rows: a comment on two lines
   * takes in none, a stray quote takes in the rows below it.
   */
  openQuotes: OpenQuote[];
  /** The first line with any content: the header. */
  headerLine: number | undefined;
  /** The header's raw text (without the line break or BOM), decoded as UTF-8. */
  headerText: string;
  /** The cell delimiter (given, or chosen from the header line). */
  delimiter: string;
  /**
   * True when the start of the file breaks lines with a bare CR (old Mac spreadsheets): see readCsv. A CR inside a
   * quoted cell is the cell's content, not a line break.
   */
  hasBareCr: boolean;
  /**
   * True when some lines end with CR LF and others with LF alone, outside quoted cells (rows added in an editor, files
   * joined): DuckDB's reader takes one kind per file (see readCsv).
   */
  hasMixedBreaks: boolean;
  /**
   * True when some byte is a C0 control character a spreadsheet never writes (anything below U+0020 but tab, LF and
   * CR; a Ctrl-Z that ends the file is an old end-of-file mark and does not count): see readCsv.
   */
  hasControls: boolean;
  /** True when some line outside quotes holds only spaces, tabs or Ctrl-Z: read as a row, reported as blank. */
  hasWhitespaceLines: boolean;
  /**
   * True when the bytes hold the mark of text converted to UTF-8 twice (see hasDoubleUtf8Mark): only then are the
   * values looked at for it (see readCsv).
   */
  hasDoubleUtf8Mark: boolean;
  /** The delimiter named by an Excel `sep=` first line, which was skipped (not a header, not a record). */
  sepLine: string | undefined;
}

/** A quoted cell that runs over a line break: see CsvScan.openQuotes. */
export interface OpenQuote {
  /** The physical line the record starts on, at whose end the quote is still open. */
  line: number;
  /** The record's last line: where the quote closes, or the file's last line when it never does. */
  lastLine: number;
  /** 0-based index of the cell whose quote is open at the end of `line` (undefined past the first 64 KiB of a line). */
  cell: number | undefined;
  /** That cell as written on `line` (its first 200 characters, the opening quote included). */
  text: string;
  /**
   * Lines after `line` in the record holding at least as many delimiters as the header, and at least one: lines
   * that look like rows.
   */
  rowLines: number;
  /**
   * Those of `rowLines` whose first cell has the shape of the record's own first cell (`ROU` and `ALB` alike, see
   * cellShape): rows of the table, where a note's line (`Note: seized by the police, …`) is none.
   */
  alikeRowLines: number;
  /**
   * True when the record closes the quote at a cell's end (before a delimiter or the line's end) and has as many
   * cells as the header: a cell over several lines that reads as one row of the header's width (a note whose second
   * line happens to hold as many delimiters as the header). A stray quote closes at another quote within a cell, or
   * never, or leaves the record another width.
   */
  isWellFormed: boolean;
}
