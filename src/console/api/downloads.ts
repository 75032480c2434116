/** Saves text or a blob as a file through a temporary link (no new window, nothing in the URL bar). */
export function saveFile(name: string, content: Blob): void {
  const url = URL.createObjectURL(content);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The erasure certificate as a file: the compact JWS, verifiable against /.well-known/jwks.json. */
export function saveCertificate(requestId: string, jws: string): void {
  saveFile(`erasure-certificate-${requestId}.jws`, new Blob([jws], { type: 'application/jose' }));
}

/**
 * The access export from GET /exports/:id (bearer token in the header, never in the URL). Answers
 * null on success, else the gateway's refusal in words.
 */
export async function downloadExport(requestId: string, token: string): Promise<string | null> {
  const response = await fetch(`/exports/${encodeURIComponent(requestId)}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    return `The export could not be downloaded (HTTP ${response.status}${body.error ? `: ${body.error}` : ''}).`;
  }
  saveFile(`access-export-${requestId}.json`, await response.blob());
  return null;
}
