// eslint-disable-next-line no-control-regex -- the control characters are what is removed
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * Text as it is safe to write into XML 1.0 (XLSX and DOCX are both XML): control characters other
 * than tab and line breaks cannot be carried and are dropped (validation refuses them in input
 * anyway); a CR becomes a line feed, as XML parsers turn it anyway (XML 1.0, 2.11), so what is
 * written is what is read.
 */
export function xmlSafe(text: string): string {
  return text.replace(XML_FORBIDDEN, '').replace(/\r\n?/g, '\n');
}
