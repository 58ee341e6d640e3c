import { useState } from 'react';

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Saves a file the API gave (XLSX, DOCX, CSV) straight from memory: no copy is kept in the
 * browser's storage, and the object URL is revoked at once.
 */
export function saveFile(fileName: string, contentType: string, content: string, encoding: 'base64' | 'text'): void {
  const blob = new Blob([encoding === 'base64' ? bytesOf(content) : content], { type: contentType });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function DownloadButton({
  label,
  fileName,
  contentType,
  content,
  encoding = 'base64',
}: {
  label: string;
  fileName: string;
  contentType: string;
  content: string;
  encoding?: 'base64' | 'text';
}) {
  const [saved, setSaved] = useState(false);
  return (
    <button
      type="button"
      onClick={() => {
        saveFile(fileName, contentType, content, encoding);
        setSaved(true);
      }}
    >
      {label}
      {saved ? ' ✓' : ''}
    </button>
  );
}

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV = 'text/csv;charset=utf-8';
