// A file handed to the user from memory: the browser's download of a Blob.
export function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  // the click has started the download by the next task; the URL is not needed after it
  setTimeout(() => URL.revokeObjectURL(url));
}
