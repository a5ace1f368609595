// Hands content to the browser as a download with the given name (no navigation:
// an object URL on a link with `download`, revoked once the browser has it).
export function saveFile(fileName: string, content: Blob): void {
  const url = URL.createObjectURL(content);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
