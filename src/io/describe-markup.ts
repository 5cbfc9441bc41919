/**
 * Returns what a file whose first line is markup is ("an HTML page …", "an XML document …"), or undefined for any other
 * first line. Such a file is text, so no byte signature tells it apart: a system's "Excel" export is often an HTML
 * table, and Excel saves "XML Spreadsheet 2003"; renamed .csv, either would be read as a header of tags.
 *
 * @example describeMarkup('<html xmlns:o="urn:schemas-microsoft-com:office:office">') // 'an HTML page (…)'
 */
export function describeMarkup(firstLine: string): string | undefined {
  const text = firstLine.replace(/^[\ufeff\s]+/, '');
  if (/^<(!doctype\s+html|html|head|body|table|meta)\b/i.test(text)) return 'an HTML page (a web page, or a table another system exported as "Excel")';
  if (/^<\?xml\b/i.test(text)) return 'an XML document (Excel\'s "XML Spreadsheet 2003", or another system\'s export)';
  return undefined;
}
