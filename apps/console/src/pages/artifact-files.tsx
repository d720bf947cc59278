import { useState } from 'preact/hooks';
import { asApiError, downloadFile, ErrorBox, formatNumber, type ApiError } from '@tideline/console-ui';

export interface ArtifactFileOf {
  path: string;
  digest: string;
  downloadPath: string;
  size: number;
}

/**
 * A version's artifact files, each a download link: the click fetches the
 * gateway's artifact route with the API key as a header and saves the bytes
 * (the registry verified them against the digest shown). Open in a new tab
 * lands on the route without the key, which answers 401: the key never goes
 * into a URL.
 */
export function ArtifactFiles({ version, files }: { version: string; files: readonly ArtifactFileOf[] }) {
  const [error, setError] = useState<ApiError>();
  return (
    <>
      <ul class="files">
        {files.map((f) => {
          const name = f.path.split('/').at(-1)!;
          return (
            <li>
              <a
                href={f.downloadPath}
                download={name}
                data-digest={f.digest}
                aria-label={`Download ${f.path} of ${version} (${formatNumber(f.size)} bytes)`}
                onClick={(e) => {
                  e.preventDefault();
                  setError(undefined);
                  downloadFile(f.downloadPath, name).catch((err: unknown) => setError(asApiError(err)));
                }}
              >
                {f.path}
              </a>{' '}
              <span class="muted">{formatNumber(f.size)} B</span>
            </li>
          );
        })}
      </ul>
      {error && <ErrorBox error={error} title="Download failed" />}
    </>
  );
}
