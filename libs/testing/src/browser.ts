/** The Chromium browser tests drive: CHROMIUM_BIN, else Debian's (`npm test` installs it when missing). */
export const chromiumPath = (env: NodeJS.ProcessEnv = process.env) => env.CHROMIUM_BIN || '/usr/bin/chromium';
